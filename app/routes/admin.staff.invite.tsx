import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, Radios } from "~/components/govuk";
import { ROLE_LABEL, STAFF_ROLES } from "~/domain/accounts/roles";
import { inviteStaffSchema } from "~/domain/accounts/schemas";
import { createInvitation } from "~/models/invitation.server";
import { EmailTakenError } from "~/models/user.server";
import { sendMail } from "~/services/mail.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { getEnv } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Invite a member of staff" };

const ROLE_HINT = {
  assessor: "Scores bids they are assigned to",
  grants_officer: "Runs rounds, checks eligibility, assigns assessors and records decisions",
  finance: "Records payments and reconciles funds",
  admin: "Invites staff, sets roles and configures funds",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const parsed = parseForm(inviteStaffSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  let token: string;
  try {
    token = createInvitation(admin.id, parsed.data, now());
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return json(formFailure({ email: "Someone already has an account with this email address" }, parsed.data), { status: 400 });
  }
  await sendMail({
    to: parsed.data.email,
    subject: "You have been invited to the community safety grants portal",
    text: `Dear ${parsed.data.name},\n\n${admin.name} has invited you to the community safety grants portal as ${ROLE_LABEL[parsed.data.role].toLowerCase()}.\n\nChoose your password within 7 days using this link:\n\n${getEnv().PUBLIC_URL}/invitations/${token}\n`,
  });
  return redirect(`/admin/staff?invited=${encodeURIComponent(parsed.data.email)}`);
}

export default function InviteStaff() {
  const failure = useActionData<typeof action>();
  const values = failure?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/staff">Back to staff</BackLink>
        <ErrorSummary errors={failure?.errors} />
        <h1 className="govuk-heading-l">Invite a member of staff</h1>
        <Form method="post" noValidate>
          <Input name="name" label="Full name" autoComplete="off" spellCheck={false} error={failure?.errors.name} defaultValue={values.name as string} />
          <Input name="email" type="email" label="Email address" autoComplete="off" spellCheck={false} error={failure?.errors.email} defaultValue={values.email as string} />
          <Radios
            name="role"
            legend="Role"
            error={failure?.errors.role}
            value={values.role as string}
            items={STAFF_ROLES.map((r) => ({ value: r, text: ROLE_LABEL[r], hint: ROLE_HINT[r] }))}
          />
          <Button>Send invitation</Button>
        </Form>
      </div>
    </div>
  );
}
