import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_HOME } from "~/domain/accounts/roles";
import { MIN_PASSWORD_LENGTH, resetPasswordSchema } from "~/domain/accounts/schemas";
import { completePasswordReset, findUsablePasswordReset } from "~/models/password-reset.server";
import { findUserById } from "~/models/user.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from "~/utils/password.server";
import { startSessionAndRedirect } from "~/utils/session.server";
import { refuseIfThrottled } from "~/utils/throttle.server";
export { throttleHeaders as headers } from "~/utils/throttle.server";

export const handle = { title: "Choose a new password" };

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: Boolean(findUsablePasswordReset(params.token ?? "", now())) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const throttled = await refuseIfThrottled(request, context, "reset-password");
  if (throttled) return throttled;
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (isCommonPassword(parsed.data.password)) return json(formFailure({ password: COMMON_PASSWORD_MESSAGE }), { status: 400 });
  const userId = completePasswordReset(params.token ?? "", await hashPassword(parsed.data.password), now());
  if (userId === null) return json(formFailure({ form: "This link has expired or has already been used. Ask for a new one" }), { status: 400 });
  const user = findUserById(userId)!;
  return startSessionAndRedirect(request, user.id, ROLE_HOME[user.role]);
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(resetPasswordSchema, failure);
  if (!usable) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link has expired</h1>
          <p className="govuk-body">Links to reset a password work once, for 1 hour.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Ask for a new link
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input label="New password" type="password" autoComplete="new-password" hint={`Must be ${MIN_PASSWORD_LENGTH} characters or more`} error={errors?.password} name="password" />
          <Input label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword} name="confirmPassword" />
          <Button>Save new password</Button>
        </Form>
      </div>
    </div>
  );
}
