import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, InsetText, SummaryList, Tag } from "~/components/govuk";
import { TaskList, type Task } from "~/components/TaskList";
import { SECTIONS } from "~/domain/bids/sections";
import { BID_STATUS_COLOUR, BID_STATUS_LABEL, canEdit, canWithdraw, statusForApplicant, type BidStatus } from "~/domain/bids/status";
import { REQUIRED_DOCUMENTS, sectionStatus, type Answers } from "~/domain/bids/task-list";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { releasedOutcomeForBid, type ReleasedOutcome } from "~/models/assessment/decision.server";
import { awardForBid } from "~/models/awards/award.server";
import { requireMemberBid } from "~/models/bid-access.server";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { documentKindsForBid } from "~/models/bid.server";
import { getOrganisationProfile } from "~/models/organisation-profile.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Your bid" };

/** The bid's home: its status always, and while a draft the task list of pages to complete. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  const ctx = bidContextFrom(loadBidChoices(bid.roundId));
  const answers = bid.answers as Answers;
  const documents = documentKindsForBid(bid.id);
  const profileDone = Boolean(getOrganisationProfile(bid.organisationId));
  const tasks: Task[] = [
    { id: "organisation", title: "Organisation details", href: `/organisations/${bid.organisationId}/profile?bid=${bid.id}`, status: profileDone ? "completed" : "not_started" },
    ...SECTIONS.map((s) => ({ id: s.key, title: s.title, href: `/applications/${bid.id}/${s.key}`, status: sectionStatus(answers, s.key, ctx) })),
    {
      id: "documents",
      title: "Documents",
      href: `/applications/${bid.id}/documents`,
      status: REQUIRED_DOCUMENTS.every((d) => documents.includes(d.kind)) ? "completed" : documents.length > 0 ? "incomplete" : "not_started",
    },
  ];
  const allDone = tasks.every((t) => t.status === "completed");
  tasks.push({ id: "check", title: "Check your answers and submit", href: `/applications/${bid.id}/check`, status: allDone ? "not_started" : "cannot_start" });
  return json({
    bid: {
      id: bid.id,
      status: statusForApplicant(bid.status as BidStatus, roundStatus(bid, now()) === "closed"),
      reference: bid.reference,
      title: bid.projectTitle ?? (answers.project?.title as string | undefined),
      fundName: bid.fundName,
      roundName: bid.roundName,
      organisationName: bid.organisationName,
      closesAt: bid.closesAt,
      submittedAt: bid.submittedAt,
      amountRequestedPence: bid.amountRequestedPence,
    },
    tasks,
    completed: tasks.filter((t) => t.status === "completed").length,
    // Null until the round's decisions are released: nothing about eligibility, scores or decisions before then.
    outcome: releasedOutcomeForBid(bid.id),
    // Awards are made only when decisions are released, so this too is null before then.
    award: awardForBid(bid.id) ?? null,
  });
}

export default function BidHome() {
  const { bid, tasks, completed, outcome, award } = useLoaderData<typeof loader>();
  const draft = canEdit(bid.status);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">
          {bid.fundName}: {bid.roundName}
        </span>
        <h1 className="govuk-heading-l">{bid.title ?? "Your bid"}</h1>
        <SummaryList
          rows={[
            { key: "Status", value: <Tag colour={BID_STATUS_COLOUR[bid.status]}>{BID_STATUS_LABEL[bid.status]}</Tag> },
            { key: "Organisation", value: bid.organisationName },
            ...(bid.reference ? [{ key: "Reference", value: bid.reference }] : []),
            ...(bid.submittedAt ? [{ key: "Submitted", value: formatLondonDateTime(new Date(bid.submittedAt)) }] : []),
            ...(bid.amountRequestedPence !== null ? [{ key: "Amount requested", value: formatPence(bid.amountRequestedPence) }] : []),
            { key: "Round closes", value: formatLondonDateTime(new Date(bid.closesAt)) },
          ]}
        />
        {outcome ? <Outcome outcome={outcome} /> : null}
        {award ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/awards/${award.id}`}>
              {award.status === "offered" ? "See and accept your grant offer" : "See your grant offer"}
            </Link>
          </p>
        ) : null}
        {draft ? (
          <>
            <h2 className="govuk-heading-m">Your bid is not finished</h2>
            <p className="govuk-body">
              You have completed {completed} of {tasks.length - 1} sections. Everything you save is kept: you can leave and come back on any device before the round closes.
            </p>
            <TaskList tasks={tasks} />
          </>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/applications/${bid.id}/check`}>
              See your bid as submitted
            </Link>
          </p>
        )}
        {canWithdraw(bid.status) ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/applications/${bid.id}/withdraw`}>
              Withdraw this bid
            </Link>
          </p>
        ) : null}
        <ButtonLink to="/applications" secondary>
          Back to your applications
        </ButtonLink>
      </div>
    </div>
  );
}

/** The released decision, in the applicant's terms: what they get, or why not and what to do next time. */
function Outcome({ outcome }: { outcome: Omit<ReleasedOutcome, "releasedAt"> & { releasedAt: string } }) {
  const funded = outcome.outcome === "fund_full" || outcome.outcome === "fund_part";
  return (
    <section aria-labelledby="outcome-heading">
      <h2 className="govuk-heading-m" id="outcome-heading">
        Decision
      </h2>
      {funded ? (
        <>
          <p className="govuk-body">
            Your bid has been awarded <strong>{formatPence(outcome.amountPence)}</strong>.
          </p>
          {outcome.outcome === "fund_part" ? (
            <InsetText>
              This is part of the {formatPence(outcome.amountRequestedPence)} you asked for. {outcome.reason}
            </InsetText>
          ) : null}
          <p className="govuk-body">We will be in touch about the grant agreement and payment.</p>
        </>
      ) : outcome.outcome === "reserve" ? (
        <p className="govuk-body">Your bid is on the reserve list. It has not been funded at this stage; if money becomes available in this round, we will contact you.</p>
      ) : (
        <>
          <p className="govuk-body">Your bid has not been funded.</p>
          <SummaryList
            rows={[
              { key: "Reason", value: outcome.reasonText ?? "Not funded" },
              ...(outcome.feedback ? [{ key: "Feedback", value: outcome.feedback.split(/\r?\n/).map((line, i) => (i === 0 ? line : [<br key={i} />, line])) }] : []),
            ]}
          />
        </>
      )}
      <p className="govuk-body-s">Decision released on {formatLondonDateTime(new Date(outcome.releasedAt))}.</p>
    </section>
  );
}
