/**
 * New recovery codes, after the password again (a session left open on a shared computer must not
 * be enough). The old set stops working at once; the new one is shown in the answer, once.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { RecoveryCodes } from "~/components/two-factor/RecoveryCodes";
import { passwordAgainSchema, WRONG_PASSWORD } from "~/domain/accounts/two-factor";
import { regenerateRecoveryCodes } from "~/models/two-factor.server";
import { requireUserRecord } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";
import { verifyPassword } from "~/utils/password.server";

export const handle = { title: "Get new recovery codes" };

async function requireAuthenticatorOwner(request: Request) {
  const user = await requireUserRecord(request);
  if (!user.totpConfirmedAt) throw redirect("/account/two-factor");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuthenticatorOwner(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAuthenticatorOwner(request);
  const parsed = parseForm(passwordAgainSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return json(formFailure({ password: WRONG_PASSWORD }), { status: 400 });
  return json({ recoveryCodes: regenerateRecoveryCodes(user.id, now()) });
}

export default function NewRecoveryCodes() {
  const answer = useActionData<typeof action>();
  const failure = answer && "errors" in answer ? answer : undefined;
  const { errors, onSubmit } = useValidatedForm(passwordAgainSchema, failure);
  if (answer && "recoveryCodes" in answer) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Your new recovery codes</h1>
          <RecoveryCodes codes={answer.recoveryCodes} continueTo="/account/two-factor" continueText="Back to two-factor authentication" />
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/account/two-factor">Back to two-factor authentication</BackLink>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Get new recovery codes</h1>
        <p className="govuk-body">You will get 10 new recovery codes. The recovery codes you have now will stop working.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input name="password" type="password" label="Your password" hint="We ask again to check it is you" autoComplete="current-password" error={errors?.password} />
          <Button>Get new recovery codes</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/two-factor">
            Cancel
          </Link>
        </p>
      </div>
    </div>
  );
}
