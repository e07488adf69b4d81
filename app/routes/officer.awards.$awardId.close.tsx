import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, SummaryList } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate } from "~/domain/time/london";
import { idFromParam } from "~/models/assessment/decision.server";
import { getAwardForStaff } from "~/models/awards/award.server";
import { closeAward, closeCheck } from "~/models/awards/monitoring.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure } from "~/utils/forms";

export const handle = { title: "Close an award" };

function load(awardIdParam: string | undefined) {
  const id = idFromParam(awardIdParam);
  const award = (id === null ? undefined : getAwardForStaff(id)) ?? notFound();
  return { award, check: closeCheck(award.id) ?? notFound() };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "admin"]);
  const { award, check } = load(params.awardId);
  return json({
    award: { id: award.id, reference: award.reference, projectTitle: award.projectTitle, organisationName: award.organisationName, amountPence: award.amountPence, endsOn: award.endsOn },
    balances: check.balances,
    reasons: check.reasons,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { award } = load(params.awardId);
  const result = closeAward(award.id, user.id, now());
  if (result.ok) return redirect(`/officer/awards?closed=${award.id}`);
  return json(formFailure({ form: result.message }), { status: 400 });
}

export default function CloseAwardPage() {
  const { award, balances, reasons } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/officer/awards">Back to awards</BackLink>
        <ErrorSummary errors={failure?.errors} />
        <span className="govuk-caption-l">
          {award.reference}: {award.organisationName}
        </span>
        <h1 className="govuk-heading-l">Close the award for {award.projectTitle}</h1>
        <SummaryList
          rows={[
            { key: "Grant", value: formatPence(award.amountPence) },
            { key: "Project ended", value: formatIsoDate(award.endsOn) },
            { key: "Committed", value: formatPence(balances.committedPence) },
            { key: "Paid", value: formatPence(balances.paidPence) },
            { key: "Repayment asked for", value: formatPence(balances.repaymentDuePence) },
            { key: "Repaid", value: formatPence(balances.repaidPence) },
          ]}
        />
        {reasons.length > 0 ? (
          <InsetText>
            <p className="govuk-body">This award cannot be closed yet:</p>
            <ul className="govuk-list govuk-list--bullet">
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </InsetText>
        ) : (
          <Form method="post">
            <p className="govuk-body">The final return has been accepted and no money is owed either way. Closing the award ends its monitoring; it cannot be reopened.</p>
            <Button warning>Close award</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
