import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, ErrorSummary, Input, NotificationBanner, SummaryList } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_LABEL } from "~/domain/accounts/roles";
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from "~/domain/accounts/schemas";
import { changeOwnPassword, listOrganisationsForUser } from "~/models/user.server";
import { requireUser, requireUserRecord } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword, verifyPassword } from "~/utils/password.server";
import { restartVerifiedSessionAndRedirect } from "~/utils/two-factor-session.server";

export const handle = { title: "Your account" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user, organisations: listOrganisationsForUser(user.id) });
}

/** Changing the password ends every session of the account (other devices too) and starts a new one here. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserRecord(request);
  const parsed = parseForm(changePasswordSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    return json(formFailure({ currentPassword: "Your current password is not correct" }), { status: 400 });
  }
  if (isCommonPassword(parsed.data.password)) return json(formFailure({ password: COMMON_PASSWORD_MESSAGE }), { status: 400 });
  const hash = await hashPassword(parsed.data.password);
  changeOwnPassword(user.id, hash, now());
  // This session passed any second factor (requireUserRecord), so the new one need not ask again.
  return restartVerifiedSessionAndRedirect(request, user.id, "/account?changed=1");
}

export default function Account() {
  const { user, organisations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { errors, onSubmit } = useValidatedForm(changePasswordSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {params.get("changed") ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your password has been changed. You have been signed out everywhere else.</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Your account</h1>
        <SummaryList
          rows={[
            { key: "Name", value: user.name },
            { key: "Email address", value: user.email },
            { key: "Role", value: ROLE_LABEL[user.role] },
            ...(organisations.length ? [{ key: "Organisations", value: organisations.map((o) => o.name).join(", ") }] : []),
          ]}
        />
        <h2 className="govuk-heading-m">Two-factor authentication</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/two-factor">
            {user.role === "applicant" ? "Turn on or manage two-factor authentication" : "Manage two-factor authentication and recovery codes"}
          </Link>
        </p>
        <h2 className="govuk-heading-m">Your personal data</h2>
        <p className="govuk-body">
          You can download everything this portal holds about you as one file (JSON, which a computer or a spreadsheet program can read): your account, when you signed in,
          your organisations and their details, the bids and grant offers you can see, and the audit trail of what you and others did with them
          {user.role === "applicant" ? "" : ", with the assessments, decisions and other work you recorded as a member of staff"}.
        </p>
        <p className="govuk-body">It never includes your password or any other secret: the portal keeps those only in a form nobody can read back.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/account/personal-data.json" download>
            Download your personal data (JSON)
          </a>
        </p>
        <h2 className="govuk-heading-m">Change your password</h2>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input label="Current password" type="password" autoComplete="current-password" error={errors?.currentPassword} name="currentPassword" />
          <Input label="New password" type="password" autoComplete="new-password" hint={`Must be ${MIN_PASSWORD_LENGTH} characters or more`} error={errors?.password} name="password" />
          <Input label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword} name="confirmPassword" />
          <Button>Change password</Button>
        </Form>
      </div>
    </div>
  );
}
