import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, Input, Panel } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { forgotPasswordSchema } from "~/domain/accounts/schemas";
import { createPasswordReset } from "~/models/password-reset.server";
import { sendMail } from "~/services/mail.server";
import { now } from "~/utils/clock.server";
import { getEnv } from "~/utils/env.server";
import { parseForm } from "~/utils/forms";
import { refuseIfThrottled } from "~/utils/throttle.server";
export { throttleHeaders as headers } from "~/utils/throttle.server";

export const handle = { title: "Reset your password" };

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const throttled = await refuseIfThrottled(request, context, "reset-request");
  if (throttled) return throttled;
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  const reset = createPasswordReset(parsed.data.email, now());
  if (reset) {
    const link = `${getEnv().PUBLIC_URL}/reset-password/${reset.token}`;
    await sendMail({
      to: reset.email,
      subject: "Reset your password",
      text: `Dear ${reset.name},\n\nSomeone asked to reset the password for your community safety grants account. If it was you, use this link within 1 hour:\n\n${link}\n\nIf it was not you, you can ignore this email: your password has not changed.\n`,
    });
  }
  // The same answer whether or not there is an account, so nobody can test addresses.
  return json({ sent: true, email: parsed.data.email });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(forgotPasswordSchema, result);
  if (result && "sent" in result) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Check your email" />
          <p className="govuk-body">If there is an account for {result.email}, we have sent it a link to reset the password. The link works for 1 hour.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input label="What is your email address?" isPageHeading type="email" autoComplete="email" spellCheck={false} hint="We will email you a link to reset your password" error={errors?.email} defaultValue={typed("email")} name="email" />
          <Button>Send reset link</Button>
        </Form>
      </div>
    </div>
  );
}
