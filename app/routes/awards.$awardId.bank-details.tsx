import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, SummaryList } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { bankDetailsSchema } from "~/domain/awards/bank-details";
import { formatLondonDate } from "~/domain/time/london";
import { requireMemberAward, submitBankDetails } from "~/models/awards/award.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Bank details for payment" };

/**
 * The form starts empty and the current details are shown masked: a whole account number is never
 * sent back to the browser, so it cannot be read over someone's shoulder or from a shared screen.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const award = requireMemberAward(user, params.awardId);
  if (award.status === "declined" || award.status === "closed") throw redirect(`/awards/${award.id}`);
  return json({
    award: { id: award.id, organisationName: award.organisationName, projectTitle: award.projectTitle },
    accepted: award.status === "accepted",
    current: award.bankDetails && { ...award.bankDetails, submittedOn: formatLondonDate(new Date(award.bankDetails.submittedAt)) },
  });
}

/** What was typed comes back on an error, as GOV.UK asks: the person typed it, and only they see it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const award = requireMemberAward(user, params.awardId);
  const formData = await request.formData();
  const parsed = parseForm(bankDetailsSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = submitBankDetails({ ...parsed.data, awardId: award.id, userId: user.id }, now());
  if (result.ok) return redirect(`/awards/${award.id}?done=bank-details`);
  if (result.code === "not_found") notFound();
  return json(formFailure({ form: result.message }, formDataToValues(formData)), { status: 400 });
}

export default function BankDetailsPage() {
  const { award, accepted, current } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(bankDetailsSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/awards/${award.id}`}>Back to the offer</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{award.organisationName}</span>
        <h1 className="govuk-heading-l">{current ? "Change your bank details" : "What are your organisation's bank details?"}</h1>
        {current ? (
          <>
            <h2 className="govuk-heading-m">Bank details we have now</h2>
            <SummaryList
              rows={[
                { key: "Name on the account", value: current.accountName },
                { key: "Sort code", value: current.sortCode },
                { key: "Account number", value: current.accountNumber },
                { key: "Given on", value: current.submittedOn },
              ]}
            />
            {current.awaitingConfirmation ? <p className="govuk-body">Our finance team has not yet confirmed these details. We will not pay until they have.</p> : null}
          </>
        ) : null}
        {accepted ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              You have accepted the offer. If you {current ? "change your bank details" : "give your bank details now"}, we will not make any payment until our finance team has
              confirmed them with your organisation. They will contact you using the details they already hold.
            </strong>
          </div>
        ) : null}
        <p className="govuk-body">The account must be in the name of {award.organisationName}. We pay grants only into the organisation's own account.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input name="accountName" label="Name on the account" autoComplete="off" spellCheck={false} defaultValue={typed("accountName")} error={errors?.accountName} />
          <Input name="sortCode" label="Sort code" hint="Must be 6 digits long" widthClass="govuk-input--width-5" inputMode="numeric" autoComplete="off" spellCheck={false} defaultValue={typed("sortCode")} error={errors?.sortCode} />
          <Input name="accountNumber" label="Account number" hint="Must be between 6 and 8 digits long" widthClass="govuk-input--width-10" inputMode="numeric" autoComplete="off" spellCheck={false} defaultValue={typed("accountNumber")} error={errors?.accountNumber} />
          <Button>Save bank details</Button>
        </Form>
      </div>
    </div>
  );
}
