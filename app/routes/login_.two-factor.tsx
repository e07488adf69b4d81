/**
 * The second step of signing in, for people with an authenticator: the password was right and the
 * session exists, but it reaches nothing else until a code from the app (or an unused recovery
 * code) is entered here. It guards itself: only a session waiting for its code may use it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_HOME, safeRedirectPath, type Role } from "~/domain/accounts/roles";
import { formatLondonDateTime } from "~/domain/time/london";
import { classifyCode, REPLAYED_CODE, signInCodeSchema, signInStage, WRONG_CODE } from "~/domain/accounts/two-factor";
import { passSecondFactor, secondFactorLockedUntil } from "~/models/two-factor.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { endSessionAndRedirect, getActiveSession, serializeSessionCookie } from "~/utils/session.server";
import { requireSessionToken } from "~/utils/two-factor-session.server";
import { refuseIfThrottled } from "~/utils/throttle.server";
export { throttleHeaders as headers } from "~/utils/throttle.server";

export const handle = { title: "Enter the code from your authenticator app" };

const SIGNED_OUT_TOO_MANY = "/login?signedOut=too-many-codes";

/** The session waiting for its code, or a redirect: to sign in without one, onwards once past it. */
async function waitingSession(request: Request, redirectTo: string) {
  const session = await getActiveSession(request);
  if (!session) throw redirect(redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login");
  const { user } = session;
  const stage = signInStage({ role: user.role as Role, totpConfirmedAt: user.totpConfirmedAt, secondFactorAt: session.secondFactorAt });
  if (stage !== "awaiting_code") throw redirect(redirectTo || ROLE_HOME[user.role as Role]);
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "");
  const { user } = await waitingSession(request, redirectTo);
  const locked = secondFactorLockedUntil(user.id, now());
  return json({ redirectTo, lockedUntil: locked ? formatLondonDateTime(locked) : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const throttled = await refuseIfThrottled(request, context, "two-factor");
  if (throttled) return throttled;
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(String(formData.get("redirectTo") ?? ""), "");
  const { user } = await waitingSession(request, redirectTo);
  const parsed = parseForm(signInCodeSchema, formData);
  // A code is never typed back into the form: it is single-use, and the app shows a new one.
  if (!parsed.ok) return json(formFailure(parsed.errors), { status: 400 });
  const result = passSecondFactor({
    userId: user.id,
    sessionToken: await requireSessionToken(request),
    typed: classifyCode(parsed.data.code)!,
    now: now(),
  });
  const to = redirectTo || ROLE_HOME[user.role as Role];
  if (result.ok) {
    // Past the second factor the session has a new token: the old cookie is worthless now.
    const headers = { "Set-Cookie": await serializeSessionCookie(result.sessionToken) };
    if (result.method === "totp") return redirect(to, { headers });
    // Say how many recovery codes are left, and offer new ones or a new authenticator.
    return redirect(`/account/two-factor?${new URLSearchParams({ recoveryUsed: String(result.recoveryCodesLeft), redirectTo: to })}`, { headers });
  }
  if (result.lockedUntil) return endSessionAndRedirect(request, SIGNED_OUT_TOO_MANY);
  return json(formFailure({ code: result.reason === "replayed" ? REPLAYED_CODE : WRONG_CODE }), { status: 400 });
}

export default function TwoFactorCode() {
  const { redirectTo, lockedUntil } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(signInCodeSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {lockedUntil ? (
          <>
            <h1 className="govuk-heading-l">You cannot sign in at the moment</h1>
            <p className="govuk-body">Someone entered a wrong code for this account too many times. You can try again after {lockedUntil}.</p>
            <p className="govuk-body">If that was not you, change your password as soon as you are signed in.</p>
          </>
        ) : (
          <>
            <ErrorSummary errors={errors} />
            <Form method="post" noValidate onSubmit={onSubmit}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <Input
                name="code"
                label="Enter the code from your authenticator app"
                isPageHeading
                hint="Open the authenticator app you set up for Community safety grants. Enter the 6-digit code it shows for this account."
                error={errors?.code}
                autoComplete="one-time-code"
                spellCheck={false}
                autoCapitalize="none"
                widthClass="govuk-input--width-20"
              />
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">I cannot use my authenticator app</span>
                </summary>
                <div className="govuk-details__text">
                  Enter one of the recovery codes you saved when you set up two-factor authentication, like abcd-efgh-jkmn-pqrs-tvwx-yz01, in the box above. Each recovery code works once. If you have none left, ask an
                  administrator to reset your two-factor authentication.
                </div>
              </details>
              <Button>Continue</Button>
            </Form>
          </>
        )}
        <Form method="post" action="/logout">
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Cancel and sign out
          </button>
        </Form>
      </div>
    </div>
  );
}
