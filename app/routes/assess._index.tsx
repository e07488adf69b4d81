import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationBanner, Table, Tag, type Column } from "~/components/govuk";
import { listAssessmentsForAssessor, type AssessorStage } from "~/models/assessment/assessor.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Your assessments" };

/** The words and colours of each stage, as GOV.UK task lists use them. */
const STAGE_TAG: Record<AssessorStage, { text: string; colour?: "grey" | "blue" | "light-blue" | "green" | "red" }> = {
  declare: { text: "Declare conflict first", colour: "blue" },
  not_started: { text: "Not started", colour: "grey" },
  in_progress: { text: "In progress", colour: "light-blue" },
  submitted: { text: "Submitted", colour: "green" },
  conflict: { text: "Conflict declared", colour: "red" },
};

/** The assessor's home: what is left to do first, then what is done, then bids they stepped away from. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const rows = listAssessmentsForAssessor(user.id);
  const url = new URL(request.url);
  // Confirmations after a redirect: only for this person's own rows, so the query string cannot put words on the page.
  const conflictId = Number(url.searchParams.get("conflict"));
  const conflict = rows.find((r) => r.id === conflictId && r.stage === "conflict");
  return json({
    user: { name: user.name },
    toDo: rows.filter((r) => r.stage !== "submitted" && r.stage !== "conflict"),
    submitted: rows.filter((r) => r.stage === "submitted"),
    conflicts: rows.filter((r) => r.stage === "conflict"),
    banner: conflict ? { kind: "conflict" as const, reference: conflict.reference } : url.searchParams.has("saved") ? { kind: "saved" as const, reference: null } : null,
  });
}

type Row = SerializeFrom<typeof loader>["toDo"][number];

const bidCell = (linked: boolean) => (r: Row) => {
  const label = `${r.reference ?? "Bid"}: ${r.projectTitle ?? "Untitled project"}`;
  return linked ? (
    <Link className="govuk-link" to={`/assess/${r.id}`}>
      {label}
    </Link>
  ) : (
    label
  );
};

const columns = (linked: boolean): Column<Row>[] => [
  { header: "Bid", cell: bidCell(linked) },
  { header: "Organisation", cell: (r) => r.organisationName },
  { header: "Round", cell: (r) => `${r.fundName}: ${r.roundName}` },
  { header: "Progress", cell: (r) => (r.stage === "conflict" ? "Removed" : `${r.criteriaScored} of ${r.criteriaTotal} criteria scored`) },
  { header: "Status", cell: (r) => <Tag colour={STAGE_TAG[r.stage].colour}>{STAGE_TAG[r.stage].text}</Tag> },
];

export default function AssessorDashboard() {
  const { user, toDo, submitted, conflicts, banner } = useLoaderData<typeof loader>();
  const none = toDo.length + submitted.length + conflicts.length === 0;
  return (
    <>
      {banner?.kind === "conflict" ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            You declared a conflict of interest with bid {banner.reference}. It has been removed from your assessments.
          </p>
        </NotificationBanner>
      ) : null}
      {banner?.kind === "saved" ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Your scores have been saved. You can come back to them later.</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Your assessments</h1>
      {none ? <p className="govuk-body">No bids are assigned to you yet. A grants officer assigns bids after a round closes.</p> : null}
      {toDo.length > 0 ? (
        <>
          <p className="govuk-body">Before you see a bid you will be asked whether you have a conflict of interest with it or the organisation.</p>
          <Table caption={`To do (${toDo.length})`} columns={columns(true)} rows={toDo} rowKey={(r) => r.id} />
        </>
      ) : null}
      {submitted.length > 0 ? <Table caption={`Submitted (${submitted.length})`} columns={columns(true)} rows={submitted} rowKey={(r) => r.id} /> : null}
      {conflicts.length > 0 ? (
        <Table caption={`Conflicts of interest declared (${conflicts.length})`} columns={columns(false)} rows={conflicts} rowKey={(r) => r.id} />
      ) : null}
    </>
  );
}
