/**
 * Applicants chose to use two-factor authentication, so they may stop, with their password. Staff
 * may not (403): they must keep an authenticator to see bids or money.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { passwordAgainSchema, WRONG_PASSWORD } from "~/domain/accounts/two-factor";
import { findUserById } from "~/models/user.server";
import { turnOffTwoFactor } from "~/models/two-factor.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { verifyPassword } from "~/utils/password.server";

export const handle = { title: "Turn off two-factor authentication" };

async function requireApplicantWithAuthenticator(request: Request) {
  const { id } = await requireRole(request, ["applicant"]);
  const user = findUserById(id);
  if (!user?.totpConfirmedAt) throw redirect("/account/two-factor");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApplicantWithAuthenticator(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireApplicantWithAuthenticator(request);
  const parsed = parseForm(passwordAgainSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return json(formFailure({ password: WRONG_PASSWORD }), { status: 400 });
  turnOffTwoFactor(user.id, now());
  return redirect("/account/two-factor?turnedOff=1");
}

export default function TurnOffTwoFactor() {
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(passwordAgainSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/account/two-factor">Back to two-factor authentication</BackLink>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Turn off two-factor authentication</h1>
        <p className="govuk-body">After this, your password alone will let anyone who knows it sign in to your account. Your recovery codes will stop working.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input name="password" type="password" label="Your password" hint="We ask again to check it is you" autoComplete="current-password" error={errors?.password} />
          <Button warning>Turn off two-factor authentication</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/two-factor">
            Keep two-factor authentication on
          </Link>
        </p>
      </div>
    </div>
  );
}
