import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_HOME, ROLE_LABEL } from "~/domain/accounts/roles";
import { acceptInvitationSchema, MIN_PASSWORD_LENGTH } from "~/domain/accounts/schemas";
import { acceptInvitation, findUsableInvitation } from "~/models/invitation.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from "~/utils/password.server";
import { startSessionAndRedirect } from "~/utils/session.server";

export const handle = { title: "Accept your invitation" };

/** Public by design: the unguessable single-use link is the credential. */
export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = findUsableInvitation(params.token ?? "", now());
  return json({ invitation: invitation ? { name: invitation.name, email: invitation.email, role: ROLE_LABEL[invitation.role] } : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(acceptInvitationSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (isCommonPassword(parsed.data.password)) return json(formFailure({ password: COMMON_PASSWORD_MESSAGE }), { status: 400 });
  const user = acceptInvitation(params.token ?? "", await hashPassword(parsed.data.password), now());
  if (!user) return json(formFailure({ form: "This invitation has expired or has already been used. Ask an administrator for a new one" }), { status: 400 });
  return startSessionAndRedirect(request, user.id, ROLE_HOME[user.role]);
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(acceptInvitationSchema, failure);
  if (!invitation) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This invitation has expired</h1>
          <p className="govuk-body">Invitations work once, for 7 days. Ask an administrator to invite you again.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Accept your invitation</h1>
        <p className="govuk-body">
          {invitation.name}, you have been invited as {invitation.role.toLowerCase()}. Your email address is {invitation.email}.
        </p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input label="Create a password" type="password" autoComplete="new-password" hint={`Must be ${MIN_PASSWORD_LENGTH} characters or more`} error={errors?.password} name="password" />
          <Input label="Confirm password" type="password" autoComplete="new-password" error={errors?.confirmPassword} name="confirmPassword" />
          <Button>Create account</Button>
        </Form>
      </div>
    </div>
  );
}
