import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { MIN_PASSWORD_LENGTH, newPassword } from "~/domain/accounts/schemas";
import { acceptMemberInvitation, findMemberInvitation } from "~/models/organisation-member.server";
import { findUserById } from "~/models/user.server";
import { getOptionalUser } from "~/utils/auth.server";
import { startSessionAndRedirect } from "~/utils/session.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from "~/utils/password.server";

export const handle = { title: "Join an organisation" };

const newAccountSchema = z.object({
  name: z.string().trim().min(1, "Enter your full name").max(200, "Your full name must be 200 characters or fewer"),
  password: newPassword,
});

/** Public by design: the single-use link sent to one e-mail address is the credential. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = findMemberInvitation(params.token ?? "", now());
  // A session still waiting for its two-factor code counts as signed out here, as everywhere.
  const user = await getOptionalUser(request);
  return json({
    invitation: invitation ? { email: invitation.email, organisationName: invitation.organisationName } : null,
    signedInAs: user ? { email: user.email, matches: user.email === invitation?.email && user.role === "applicant" } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const signedIn = await getOptionalUser(request);
  const user = signedIn ? findUserById(signedIn.id) : undefined;
  if (user) {
    const joined = acceptMemberInvitation(token, { user }, now());
    if (!joined) return json(formFailure({ form: "This invitation has expired, has been used, or was sent to a different email address" }), { status: 400 });
    return redirect(`/organisations/${joined.organisationId}`);
  }
  const parsed = parseForm(newAccountSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (isCommonPassword(parsed.data.password)) return json(formFailure({ password: COMMON_PASSWORD_MESSAGE }, { name: parsed.data.name }), { status: 400 });
  const joined = acceptMemberInvitation(token, { name: parsed.data.name, passwordHash: await hashPassword(parsed.data.password) }, now());
  if (!joined) return json(formFailure({ form: "This invitation has expired or has been used. If you already have an account, sign in first and open the link again" }), { status: 400 });
  return startSessionAndRedirect(request, joined.user.id, `/organisations/${joined.organisationId}`);
}

export default function Join() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(signedInAs ? z.object({}) : newAccountSchema, failure);
  if (!invitation) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This invitation has expired</h1>
          <p className="govuk-body">Invitations work once, for 14 days. Ask the person who invited you to send a new one.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Join {invitation.organisationName}</h1>
        {signedInAs?.matches ? (
          <Form method="post">
            <p className="govuk-body">You will be able to see and work on {invitation.organisationName}'s bids as well as your own organisations'.</p>
            <Button>Join {invitation.organisationName}</Button>
          </Form>
        ) : signedInAs ? (
          <p className="govuk-body">
            This invitation was sent to {invitation.email}, but you are signed in as {signedInAs.email}. Sign out, then open the link again.
          </p>
        ) : (
          <>
            <p className="govuk-body">
              If you already have an account for {invitation.email},{" "}
              <Link className="govuk-link" to={`/login?redirectTo=${encodeURIComponent(pathname)}`}>
                sign in first
              </Link>
              . Otherwise create one:
            </p>
            <Form method="post" noValidate onSubmit={onSubmit}>
              <Input name="name" label="Your full name" autoComplete="name" error={errors?.name} defaultValue={typed("name")} />
              <Input name="password" type="password" label="Create a password" autoComplete="new-password" hint={`Must be ${MIN_PASSWORD_LENGTH} characters or more`} error={errors?.password} />
              <Button>Create account and join</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
