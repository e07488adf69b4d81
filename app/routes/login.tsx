import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, ErrorSummary, Input, NotificationBanner } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_HOME, safeRedirectPath } from "~/domain/accounts/roles";
import { signInSchema } from "~/domain/accounts/schemas";
import { ACCESS_REMOVED, lockedMessage, WRONG_CREDENTIALS } from "~/domain/accounts/sign-in";
import { attemptSignIn } from "~/models/sign-in.server";
import { getOptionalUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { startSessionAndRedirect } from "~/utils/session.server";
import { refuseIfThrottled } from "~/utils/throttle.server";
export { throttleHeaders as headers } from "~/utils/throttle.server";

export const handle = { title: "Sign in" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(ROLE_HOME[user.role]);
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return json({ redirectTo: safeRedirectPath(redirectTo, "") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const throttled = await refuseIfThrottled(request, context, "sign-in");
  if (throttled) return throttled;
  const formData = await request.formData();
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { email, password } = parsed.data;
  const result = await attemptSignIn(email, password, now);
  if (!result.ok) {
    const message = result.reason === "locked" ? lockedMessage(result.until) : result.reason === "access_removed" ? ACCESS_REMOVED : WRONG_CREDENTIALS;
    return json(formFailure({ email: message }, { email }), { status: result.reason === "locked" ? 429 : 400 });
  }
  const to = safeRedirectPath(String(formData.get("redirectTo") ?? ""), ROLE_HOME[result.user.role]);
  // With an authenticator in force the new session waits for a code: the guards let it reach only
  // the code page, which finishes signing in and then goes on to `to`.
  const next = result.user.totpConfirmedAt ? `/login/two-factor?${new URLSearchParams({ redirectTo: to })}` : to;
  return startSessionAndRedirect(request, result.user.id, next);
}

export default function SignIn() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(signInSchema, failure);
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {params.get("signedOut") === "too-many-codes" && !errors ? (
          <NotificationBanner>
            <p className="govuk-notification-banner__heading">You entered a wrong code too many times, so we signed you out.</p>
            <p className="govuk-body">Wait 15 minutes, then sign in again. If you have lost your authenticator app, use one of your recovery codes or ask an administrator.</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in</h1>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Input label="Email address" type="email" autoComplete="username" spellCheck={false} error={errors?.email} defaultValue={typed("email")} name="email" />
          <Input label="Password" type="password" autoComplete="current-password" error={errors?.password} name="password" />
          <Button>Sign in</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            Forgotten your password?
          </Link>
        </p>
        <h2 className="govuk-heading-m">New to the portal?</h2>
        <p className="govuk-body">
          If your community group wants to apply for a grant,{" "}
          <Link className="govuk-link" to="/signup">
            create an account
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
