import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_HOME } from "~/domain/accounts/roles";
import { MIN_PASSWORD_LENGTH, signUpSchema } from "~/domain/accounts/schemas";
import { createApplicantWithOrganisation, EmailTakenError } from "~/models/user.server";
import { getOptionalUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from "~/utils/password.server";
import { startSessionAndRedirect } from "~/utils/session.server";
import { refuseIfThrottled } from "~/utils/throttle.server";
export { throttleHeaders as headers } from "~/utils/throttle.server";

export const handle = { title: "Create an account" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(ROLE_HOME[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const throttled = await refuseIfThrottled(request, context, "sign-up");
  if (throttled) return throttled;
  const parsed = parseForm(signUpSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { name, email, password, organisationName } = parsed.data;
  if (isCommonPassword(password)) {
    return json(formFailure({ password: COMMON_PASSWORD_MESSAGE }, { name, email, organisationName }), { status: 400 });
  }
  try {
    const { user } = createApplicantWithOrganisation({ name, email, organisationName, passwordHash: await hashPassword(password) }, now());
    return startSessionAndRedirect(request, user.id, ROLE_HOME.applicant);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return json(
      formFailure({ email: "An account with this email address already exists. Sign in, or reset your password if you have forgotten it" }, { name, email, organisationName }),
      { status: 400 },
    );
  }
}

export default function SignUp() {
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(signUpSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">Create an account to apply for grants for your community group. You can add more people from your group later.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input label="Your full name" autoComplete="name" spellCheck={false} error={errors?.name} defaultValue={typed("name")} name="name" />
          <Input
            label="Name of your organisation"
            hint="The legal name of your charity, company or group, as on your governing document"
            error={errors?.organisationName}
            defaultValue={typed("organisationName")}
            name="organisationName"
          />
          <Input label="Email address" type="email" autoComplete="email" spellCheck={false} hint="We will send messages about your applications here" error={errors?.email} defaultValue={typed("email")} name="email" />
          <Input label="Create a password" type="password" autoComplete="new-password" hint={`Must be ${MIN_PASSWORD_LENGTH} characters or more. A few unrelated words make a good password`} error={errors?.password} name="password" />
          <Input label="Confirm password" type="password" autoComplete="new-password" error={errors?.confirmPassword} name="confirmPassword" />
          <Button>Create account</Button>
        </Form>
        <p className="govuk-body">
          Already have an account?{" "}
          <Link className="govuk-link" to="/login">
            Sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
