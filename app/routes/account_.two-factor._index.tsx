/**
 * Two-factor authentication for one's own account. Staff without an authenticator are sent here
 * from every other page and must set one up; applicants may turn it on. Once it is on, the page
 * shows its state and leads to new recovery codes, a different authenticator app, or (applicants
 * only) turning it off.
 *
 * Showing the QR code writes nothing: the new secret travels sealed in the form (see
 * totp-crypto.server.ts), and only a right code from the app stores it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Input, NotificationBanner, Panel, SummaryList } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { RecoveryCodes } from "~/components/two-factor/RecoveryCodes";
import { SetUpAuthenticator, type SetUpView } from "~/components/two-factor/SetUpAuthenticator";
import { ROLE_HOME, safeRedirectPath, type Role } from "~/domain/accounts/roles";
import { newTotpSecret, otpauthUri } from "~/domain/accounts/totp";
import { confirmSetUpSchema, groupSecret, mustUseTwoFactor, RECOVERY_CODE_COUNT, replaceAuthenticatorSchema, WRONG_CODE, WRONG_PASSWORD } from "~/domain/accounts/two-factor";
import { formatLondonDateTime } from "~/domain/time/london";
import { confirmTwoFactor, twoFactorSummary } from "~/models/two-factor.server";
import { requireUserForTwoFactorSetUp } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { verifyPassword } from "~/utils/password.server";
import { qrCodeSvg } from "~/utils/qr-code.server";
import { openSetUp, sealSetUp } from "~/utils/totp-crypto.server";
import { requireSessionToken } from "~/utils/two-factor-session.server";

export const handle = { title: "Two-factor authentication" };

const SET_UP_EXPIRED = "This QR code has expired. Add the new one below to your authenticator app, then enter the code it shows";

async function setUpView(email: string, secret: string, token: string): Promise<SetUpView> {
  const uri = otpauthUri(secret, email);
  return { token, accountName: email, groupedSecret: groupSecret(secret), uri, svg: await qrCodeSvg(uri) };
}

function freshSetUp(user: { id: number; email: string }) {
  const secret = newTotpSecret();
  return setUpView(user.email, secret, sealSetUp(secret, user.id, now()));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserForTwoFactorSetUp(request);
  const url = new URL(request.url);
  const summary = twoFactorSummary(user.id);
  const replacing = Boolean(summary.confirmedAt) && url.searchParams.get("new") === "1";
  const recoveryUsed = url.searchParams.get("recoveryUsed");
  return json({
    role: user.role as Role,
    mustUse: mustUseTwoFactor(user.role as Role),
    confirmedAt: summary.confirmedAt ? formatLondonDateTime(summary.confirmedAt) : null,
    recoveryCodesLeft: summary.recoveryCodesLeft,
    replacing,
    setUp: !summary.confirmedAt || replacing ? await freshSetUp(user) : null,
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), ""),
    recoveryUsed: recoveryUsed !== null && /^\d+$/.test(recoveryUsed) ? Number(recoveryUsed) : null,
    turnedOff: url.searchParams.get("turnedOff") === "1",
  });
}

/** Confirms a new authenticator with the code it shows; the answer carries the recovery codes, once. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserForTwoFactorSetUp(request);
  const formData = await request.formData();
  const replacing = Boolean(user.totpConfirmedAt);
  const at = now();
  const token = String(formData.get("setUpToken") ?? "");
  const secret = openSetUp(token, user.id, at);
  // Keep showing the same QR code after a mistake, unless it has expired or was tampered with.
  const view = secret ? await setUpView(user.email, secret, token) : await freshSetUp(user);
  const refuse = (errors: Record<string, string>) => json({ ...formFailure(errors), setUp: view }, { status: 400 });

  // Replacing an authenticator already in force asks for the password as well.
  const parsed = replacing ? parseForm(replaceAuthenticatorSchema, formData) : parseForm(confirmSetUpSchema, formData);
  if (!parsed.ok) return refuse(parsed.errors);
  if (!secret) return refuse({ code: SET_UP_EXPIRED });
  if (replacing && !(await verifyPassword(user.passwordHash, String(formData.get("password"))))) return refuse({ password: WRONG_PASSWORD });
  const result = confirmTwoFactor({ userId: user.id, secret, code: parsed.data.code, sessionToken: await requireSessionToken(request), now: at });
  if (!result.ok) return refuse({ code: WRONG_CODE });
  return json({ recoveryCodes: result.recoveryCodes });
}

export default function TwoFactorAuthentication() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failure = answer && "errors" in answer ? answer : undefined;
  const { errors, onSubmit } = useValidatedForm(data.replacing ? replaceAuthenticatorSchema : confirmSetUpSchema, failure);
  const continueTo = data.redirectTo || ROLE_HOME[data.role];

  if (answer && "recoveryCodes" in answer) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Two-factor authentication is on" />
          <RecoveryCodes codes={answer.recoveryCodes} continueTo={continueTo} continueText="Continue" />
        </div>
      </div>
    );
  }

  const setUp = failure?.setUp ?? data.setUp;
  if (setUp) {
    const heading = data.replacing ? "Use a different authenticator app" : data.mustUse ? "Set up two-factor authentication" : "Turn on two-factor authentication";
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {data.turnedOff ? (
            <NotificationBanner success>
              <p className="govuk-notification-banner__heading">Two-factor authentication is off. You can turn it on again below.</p>
            </NotificationBanner>
          ) : null}
          <h1 className="govuk-heading-l">{heading}</h1>
          {data.replacing ? (
            <p className="govuk-body">Once you confirm the new app, the old one stops working for this account and you get new recovery codes.</p>
          ) : data.mustUse ? (
            <p className="govuk-body">
              Before you can see bids or payments you need to set up two-factor authentication. Each time you sign in you will enter a code from an app on your phone as well as your
              password, so nobody can sign in as you with your password alone.
            </p>
          ) : (
            <p className="govuk-body">
              This is optional. When it is on, each time you sign in you will enter a code from an app on your phone as well as your password, so nobody can sign in as you with your
              password alone.
            </p>
          )}
          <SetUpAuthenticator view={setUp} />
          <h2 className="govuk-heading-m">2. Enter the code your app shows</h2>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="setUpToken" value={setUp.token} />
            <Input
              name="code"
              label="Code from your authenticator app"
              hint="6 digits. The code changes every 30 seconds."
              error={errors?.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              widthClass="govuk-input--width-10"
            />
            {data.replacing ? <Input name="password" type="password" label="Your password" autoComplete="current-password" error={errors?.password} /> : null}
            <Button>{data.replacing ? "Use this authenticator app" : "Turn on two-factor authentication"}</Button>
          </Form>
          {data.replacing ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/account/two-factor">
                Keep your current authenticator app
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.recoveryUsed !== null ? (
          <NotificationBanner title="Important">
            <p className="govuk-notification-banner__heading">
              You signed in with a recovery code. You have {data.recoveryUsed} {data.recoveryUsed === 1 ? "recovery code" : "recovery codes"} left.
            </p>
            <p className="govuk-body">
              If you have lost your authenticator app, set up a new one below. Otherwise{" "}
              <Link className="govuk-notification-banner__link" to={continueTo}>
                continue
              </Link>
              .
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Two-factor authentication</h1>
        <SummaryList
          rows={[
            { key: "Status", value: `On since ${data.confirmedAt}` },
            { key: "Recovery codes left", value: `${data.recoveryCodesLeft} of ${RECOVERY_CODE_COUNT}` },
          ]}
        />
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to="/account/two-factor/recovery-codes">
              Get new recovery codes
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/account/two-factor?new=1">
              Use a different authenticator app
            </Link>
          </li>
          {data.mustUse ? null : (
            <li>
              <Link className="govuk-link" to="/account/two-factor/turn-off">
                Turn off two-factor authentication
              </Link>
            </li>
          )}
        </ul>
        {data.mustUse ? <p className="govuk-body">Staff must use two-factor authentication. If you lose your phone and your recovery codes, ask an administrator to reset it.</p> : null}
        <p className="govuk-body">
          <Link className="govuk-link" to="/account">
            Back to your account
          </Link>
        </p>
      </div>
    </div>
  );
}
