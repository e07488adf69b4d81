/**
 * The first lines of the sign-in, sign-up and password-reset actions: count this attempt against
 * the client's address and, past the limit, answer 429 with Retry-After and the form again, with
 * what was typed (never a password) and a GOV.UK error summary saying when to try again. Nothing
 * else runs on a refused attempt: no account is created, no e-mail sent, no password checked.
 */
import { json, type AppLoadContext, type HeadersFunction, type TypedResponse } from "@remix-run/node";
import { bucketFor, retryAfterSeconds, SETTING_FOR, throttledMessage, THROTTLED_FORMS, type ThrottledForm } from "~/domain/accounts/address-throttle";
import { recordAttempt } from "~/models/throttle.server";
import { clientAddress } from "./client-address.server";
import { now } from "./clock.server";
import { throttleLimit } from "./env.server";
import { formDataToValues, formFailure, type FormFailure, type FormValues } from "./forms";

// A malformed setting stops the server as the build loads, not at someone's first sign-in.
for (const form of THROTTLED_FORMS) throttleLimit(SETTING_FOR[form]);

/** The longest window any bucket uses now: older rows can be swept. */
function longestWindowMs(): number {
  return Math.max(
    ...THROTTLED_FORMS.map((form) => {
      const limit = throttleLimit(SETTING_FOR[form]);
      return limit === "off" ? 0 : limit.windowMs;
    }),
  );
}

async function typedValues(request: Request): Promise<FormValues> {
  try {
    return formDataToValues(await request.formData());
  } catch {
    return {};
  }
}

/**
 * Null when the attempt may go ahead (and has been counted); otherwise the 429 answer to return.
 *
 *   const throttled = await refuseIfThrottled(request, context, "sign-in");
 *   if (throttled) return throttled;
 */
export async function refuseIfThrottled(request: Request, context: AppLoadContext, form: ThrottledForm): Promise<TypedResponse<FormFailure> | null> {
  const limit = throttleLimit(SETTING_FOR[form]);
  if (limit === "off") return null;
  const at = now();
  const verdict = recordAttempt(bucketFor(form, clientAddress(context)), limit, at, longestWindowMs());
  if (verdict.allowed) return null;
  // A two-factor code is single-use and never typed back; the other forms keep what was typed.
  const typed = form === "two-factor" ? {} : await typedValues(request);
  return json(formFailure({ form: throttledMessage(verdict.retryAt) }, typed), {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds(verdict.retryAt, at)) },
  });
}

/**
 * A page's own headers are dropped from a full-page answer unless its route exports `headers`, so
 * the throttled routes export this one, which passes Retry-After on (with JavaScript, the action's
 * answer is fetched as is and keeps it anyway).
 *
 *   export { throttleHeaders as headers } from "~/utils/throttle.server";
 */
export const throttleHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
