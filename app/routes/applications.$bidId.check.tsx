import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, SummaryList } from "~/components/govuk";
import { SECTIONS } from "~/domain/bids/sections";
import { canEdit, type BidStatus } from "~/domain/bids/status";
import { summariseSection } from "~/domain/bids/summary";
import type { SubmissionProblem } from "~/domain/bids/task-list";
import { formatLondonDateTime } from "~/domain/time/london";
import { requireMemberBid } from "~/models/bid-access.server";
import { loadBidChoices } from "~/models/bid-context.server";
import { problemsBeforeSubmission, submitBid } from "~/models/bid.server";
import { sendSubmissionConfirmation } from "~/models/bid-mail.server";
import { areaForOrganisation, runRegisterChecks } from "~/models/register-check.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Check your answers before submitting your bid" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  const choices = loadBidChoices(bid.roundId);
  const draft = canEdit(bid.status as BidStatus);
  const typed = (draft ? bid.answers : (bid.submitted as { typed: Record<string, Record<string, unknown>> }).typed) as Record<string, Record<string, unknown>>;
  return json({
    bid: { id: bid.id, draft, reference: bid.reference, closesAt: bid.closesAt, fundName: bid.fundName, roundName: bid.roundName },
    sections: SECTIONS.map((s) => ({ key: s.key, title: s.title, rows: typed[s.key] ? summariseSection(s.key, typed[s.key], choices) : [] })),
    problems: draft ? problemsBeforeSubmission(bid) : [],
  });
}

/** Submission: the server re-checks everything and the deadline, whatever the page showed. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  const result = submitBid(bid.id, user.id, now());
  if (result.ok) {
    // After the commit: a slow or broken register can delay the answer by its timeout, never refuse it.
    await runRegisterChecks(bid.organisationId, { area: areaForOrganisation(bid.organisationId), actorUserId: user.id });
    await sendSubmissionConfirmation(bid.id, user.id);
    return redirect(`/applications/${bid.id}/confirmation`);
  }
  if (result.reason === "problems") return json({ errors: Object.fromEntries(result.problems.map((p, i) => [`problem-${i}`, p.message])), problems: result.problems }, { status: 400 });
  if (result.reason === "closed") {
    return json({ errors: { form: `This round closed at ${formatLondonDateTime(new Date(bid.closesAt))}. Bids can no longer be submitted.` }, problems: [] }, { status: 400 });
  }
  return redirect(`/applications/${bid.id}`);
}

export default function CheckAnswers() {
  const { bid, sections, problems: loadedProblems } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const problems = (failure?.problems?.length ? failure.problems : loadedProblems) as SubmissionProblem[];
  const formError = failure?.errors && "form" in failure.errors ? (failure.errors.form as string) : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/applications/${bid.id}`}>Back to your bid</BackLink>
        {formError || (failure && problems.length > 0) ? (
          <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1}>
            <div role="alert">
              <h2 className="govuk-error-summary__title">There is a problem</h2>
              <div className="govuk-error-summary__body">
                <ul className="govuk-list govuk-error-summary__list">
                  {formError ? <li>{formError}</li> : null}
                  {problems.map((p) => (
                    <li key={p.message}>
                      <Link to={p.href}>{p.message}</Link>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        ) : null}
        <span className="govuk-caption-l">
          {bid.fundName}: {bid.roundName}
        </span>
        <h1 className="govuk-heading-l">{bid.draft ? "Check your answers before submitting your bid" : `Your bid ${bid.reference} as submitted`}</h1>
        {sections.map((s) => (
          <div key={s.key}>
            <h2 className="govuk-heading-m">{s.title}</h2>
            {s.rows.length === 0 ? (
              <p className="govuk-body">
                Not answered yet.{" "}
                {bid.draft ? (
                  <Link className="govuk-link" to={`/applications/${bid.id}/${s.key}`}>
                    Answer now<span className="govuk-visually-hidden">: {s.title}</span>
                  </Link>
                ) : null}
              </p>
            ) : (
              <SummaryList
                rows={s.rows.map((r) => ({
                  key: r.key,
                  value: r.value,
                  action: bid.draft ? { to: `/applications/${bid.id}/${s.key}`, text: "Change", hidden: r.key.toLowerCase() } : undefined,
                }))}
              />
            )}
          </div>
        ))}
        {bid.draft ? (
          <>
            {!failure && problems.length > 0 ? (
              <div className="govuk-inset-text">
                <p className="govuk-body">Before you can submit:</p>
                <ul className="govuk-list govuk-list--bullet">
                  {problems.map((p) => (
                    <li key={p.message}>
                      <Link className="govuk-link" to={p.href}>
                        {p.message}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <h2 className="govuk-heading-m">Now send your bid</h2>
            <p className="govuk-body">
              By submitting you confirm the declarations you made. You cannot change your bid after you submit it. The round closes {formatLondonDateTime(new Date(bid.closesAt))}.
            </p>
            <Form method="post">
              <Button>Submit bid</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
