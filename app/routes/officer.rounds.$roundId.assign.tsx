import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, Button, Checkboxes, ErrorSummary, NotificationBanner, Table } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { assignmentSchema } from "~/components/officer/forms";
import { recordId } from "~/domain/config/fields";
import { roundStatus } from "~/domain/rounds/round-status";
import { assignAssessors, listAssessors } from "~/models/assessment/assignment.server";
import { getRoundForStaff, listRoundBids, roundSettings } from "~/models/assessment/round-bids.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: "Assign assessors" };

function loadRound(param: string | undefined) {
  return getRoundForStaff(recordId(param) ?? 0) ?? notFound();
}

const STATUS_TEXT = { assigned: "not started", in_progress: "in progress", submitted: "submitted", conflict: "declared a conflict" } as const;

/** Eligible bids still being assessed, with who is on each; the people who can assess, with their load in this round. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = loadRound(params.roundId);
  const settings = roundSettings(round.id);
  const bids = listRoundBids(round.id)
    .filter((b) => b.eligible === true && b.status === "under_assessment")
    .sort((a, b) => (a.reference ?? "").localeCompare(b.reference ?? ""))
    .map((b) => ({
      id: b.id,
      reference: b.reference ?? "",
      projectTitle: b.projectTitle ?? "",
      organisationName: b.organisationName,
      activeAssessors: b.activeAssessorCount,
      assessors: b.assessments.map((a) => ({ id: a.id, assessorId: a.assessorId, name: a.assessorName, status: STATUS_TEXT[a.status] })),
    }));
  const load = new Map<number, number>();
  for (const bid of bids) for (const a of bid.assessors) if (a.status !== STATUS_TEXT.conflict) load.set(a.assessorId, (load.get(a.assessorId) ?? 0) + 1);
  return json({
    officer: user.name,
    round: { id: round.id, name: round.name },
    closed: roundStatus(round, now()) === "closed",
    assessorsPerBid: settings.assessorsPerBid,
    bids,
    assessors: listAssessors().map((a) => ({ ...a, bidsInRound: load.get(a.id) ?? 0 })),
  });
}

/** Assigns every chosen assessor to every chosen bid; pairs already assigned are left as they are. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = loadRound(params.roundId);
  const parsed = parseForm(assignmentSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  const made = assignAssessors({ ...parsed.data, officerId: user.id, roundId: round.id }, now());
  return redirect(`/officer/rounds/${round.id}/assign?assigned=${made}`);
}

export default function AssignAssessors() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typedAll, hasServerValues } = useValidatedForm(assignmentSchema, failure);
  const needed = data.assessorsPerBid;
  // By default the bids still short of assessors are ticked: the usual next step is to fill them up.
  const checkedBids = hasServerValues ? (typedAll("bidIds") ?? []) : data.bids.filter((b) => b.activeAssessors < needed).map((b) => String(b.id));
  return (
    <>
      <BackLink to={`/officer/rounds/${data.round.id}`}>{data.round.name}</BackLink>
      <ErrorSummary errors={errors} />
      <AssignedBanner />
      <span className="govuk-caption-l">{data.round.name}</span>
      <h1 className="govuk-heading-l">Assign assessors</h1>
      {data.bids.length === 0 ? (
        <p className="govuk-body">
          {data.closed ? "No bids have been recorded as eligible yet. " : "Bids can be assigned once the round has closed and their eligibility has been checked. "}
          <Link className="govuk-link" to={`/officer/rounds/${data.round.id}`}>
            Check eligibility on the round's page
          </Link>
          .
        </p>
      ) : data.assessors.length === 0 ? (
        <p className="govuk-body">Nobody has the assessor role yet. An administrator can invite assessors.</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Checkboxes
            small
            name="bidIds"
            legend="Which eligible bids?"
            hint={`Each bid needs ${needed} ${needed === 1 ? "assessor" : "assessors"}. Bids with fewer are selected to begin with.`}
            error={errors?.bidIds}
            values={checkedBids}
            items={data.bids.map((b) => ({
              value: String(b.id),
              text: `${b.reference}: ${b.projectTitle} (${b.organisationName})`,
              hint: `${b.activeAssessors} of ${needed} assessors${b.assessors.length ? `: ${b.assessors.map((a) => `${a.name} (${a.status})`).join(", ")}` : ""}`,
            }))}
          />
          <Checkboxes
            small
            name="assessorIds"
            legend="Which assessors?"
            hint="Each assessor you select is assigned to every bid you selected. Anyone already on a bid stays as they are."
            error={errors?.assessorIds}
            values={hasServerValues ? (typedAll("assessorIds") ?? []) : []}
            items={data.assessors.map((a) => ({ value: String(a.id), text: a.name, hint: `${a.email}. Assessing ${a.bidsInRound} ${a.bidsInRound === 1 ? "bid" : "bids"} in this round` }))}
          />
          <Button>Assign assessors</Button>
        </Form>
      )}
      {data.bids.length > 0 ? <WhoIsAssigned bids={data.bids} needed={needed} /> : null}
    </>
  );
}

function AssignedBanner() {
  const [params] = useSearchParams();
  const raw = params.get("assigned");
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const made = Number(raw);
  return (
    <NotificationBanner success>
      <p className="govuk-notification-banner__heading">
        {made === 0 ? "No new assignments: everyone you chose was already on those bids." : `${made} ${made === 1 ? "assignment has" : "assignments have"} been made.`}
      </p>
    </NotificationBanner>
  );
}

type Bid = ReturnType<typeof useLoaderData<typeof loader>>["bids"][number];

function WhoIsAssigned({ bids, needed }: { bids: Bid[]; needed: number }) {
  return (
    <Table
      caption="Who is assigned to what"
      rows={bids}
      rowKey={(b) => b.id}
      columns={[
        {
          header: "Bid",
          cell: (b) => (
            <Link className="govuk-link" to={`/officer/bids/${b.id}`}>
              {b.reference}
            </Link>
          ),
        },
        { header: "Assessors", cell: (b) => (b.assessors.length ? b.assessors.map((a) => `${a.name} (${a.status})`).join(", ") : "None yet") },
        { header: "Assigned", numeric: true, cell: (b) => `${b.activeAssessors} of ${needed}` },
      ]}
    />
  );
}
