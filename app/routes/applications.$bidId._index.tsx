import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, SummaryList, Tag } from "~/components/govuk";
import { TaskList, type Task } from "~/components/TaskList";
import { SECTIONS } from "~/domain/bids/sections";
import { BID_STATUS_COLOUR, BID_STATUS_LABEL, canEdit, canWithdraw, type BidStatus } from "~/domain/bids/status";
import { REQUIRED_DOCUMENTS, sectionStatus, type Answers } from "~/domain/bids/task-list";
import { formatPence } from "~/domain/money/money";
import { formatLondonDateTime } from "~/domain/time/london";
import { requireMemberBid } from "~/models/bid-access.server";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { documentKindsForBid } from "~/models/bid.server";
import { getOrganisationProfile } from "~/models/organisation-profile.server";
import { requireRole } from "~/utils/auth.server";

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
      status: bid.status as BidStatus,
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
  });
}

export default function BidHome() {
  const { bid, tasks, completed } = useLoaderData<typeof loader>();
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
