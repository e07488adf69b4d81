import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, ErrorSummary, InsetText, SummaryList, Table } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { AssessmentList } from "~/components/officer/AssessmentList";
import { EligibilityForm } from "~/components/officer/EligibilityForm";
import { EligibilityTag } from "~/components/officer/EligibilityTag";
import { eligibilitySchema, formatPoints } from "~/components/officer/forms";
import { OrganisationDetails, type FrozenOrganisation } from "~/components/officer/OrganisationDetails";
import { RegisterCheckTable } from "~/components/officer/RegisterCheckTable";
import { RegisterFlags } from "~/components/officer/RegisterFlags";
import { formatScore } from "~/domain/assessment/scoring";
import { formatFileSize } from "~/domain/attachments/rules";
import { SECTIONS } from "~/domain/bids/sections";
import { summariseSection } from "~/domain/bids/summary";
import { REQUIRED_DOCUMENTS } from "~/domain/bids/task-list";
import { recordId } from "~/domain/config/fields";
import { combineFlags } from "~/domain/due-diligence/flags";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { getEligibility, recordEligibility } from "~/models/assessment/eligibility.server";
import { assessmentsWithScores, getRoundBid } from "~/models/assessment/round-bids.server";
import { listAttachmentsForBid } from "~/models/attachment.server";
import { loadBidChoices } from "~/models/bid-context.server";
import { getBidForStaff } from "~/models/bid.server";
import { latestRegisterChecks } from "~/models/register-check.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, formDataToValues, parseForm } from "~/utils/forms";

export const handle = { title: (data: { bid?: { reference: string } } | undefined) => (data?.bid ? `Bid ${data.bid.reference}` : "Bid") };

/** Only submitted bids: drafts are the applicant's own business, and a withdrawn bid is no longer in the round. */
function loadBid(param: string | undefined) {
  const id = recordId(param) ?? notFound();
  const bid = getBidForStaff(id);
  const inRound = getRoundBid(id);
  if (!bid || !inRound) notFound();
  return { bid, inRound };
}

/** Eligibility may be recorded once the round has closed, while the bid is still in play (not yet decided). */
function eligibilityOpen(bid: { closesAt: Date; opensAt: Date; status: string }, at: Date) {
  return roundStatus(bid, at) === "closed" && (bid.status === "submitted" || bid.status === "under_assessment");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid, inRound } = loadBid(params.bidId);
  const submitted = (bid.submitted ?? {}) as { typed?: Record<string, Record<string, unknown>>; organisation?: FrozenOrganisation };
  const typed = submitted.typed ?? {};
  const choices = loadBidChoices(bid.roundId);
  const checks = latestRegisterChecks(bid.organisationId);
  return json({
    bid: {
      id: bid.id,
      reference: bid.reference ?? "",
      projectTitle: bid.projectTitle ?? "",
      organisationId: bid.organisationId,
      organisationName: bid.organisationName,
      roundId: bid.roundId,
      roundName: bid.roundName,
      fundName: bid.fundName,
      amountRequestedPence: bid.amountRequestedPence ?? 0,
      submittedAt: bid.submittedAt,
      closesAt: bid.closesAt,
    },
    organisation: submitted.organisation ?? { name: bid.organisationName },
    sections: SECTIONS.map((s) => ({ key: s.key, title: s.title, rows: typed[s.key] ? summariseSection(s.key, typed[s.key], choices) : [] })),
    documents: listAttachmentsForBid(bid.id).map((d) => ({ id: d.id, kind: d.kind, originalName: d.originalName, sizeBytes: d.sizeBytes })),
    register: { checks, flags: combineFlags(checks.map((c) => c.flags)) },
    eligibility: getEligibility(bid.id) ?? null,
    canRecordEligibility: eligibilityOpen(bid, now()),
    roundClosed: roundStatus(bid, now()) === "closed",
    scores: { mean: inRound.meanScore, spread: inRound.spread, flagged: inRound.flaggedForModeration, moderated: inRound.moderatedScore, moderationReason: inRound.moderationReason },
    assessments: assessmentsWithScores(bid.id),
    viewer: user.name,
  });
}

/** Records the eligibility call. Ineligible needs a reason, kept for the applicant's feedback. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid } = loadBid(params.bidId);
  const formData = await request.formData();
  const parsed = parseForm(eligibilitySchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const at = now();
  if (roundStatus(bid, at) !== "closed") {
    return json(formFailure({ form: `Eligibility can be recorded once the round closes on ${formatLondonDateTime(new Date(bid.closesAt))}` }, formDataToValues(formData)), { status: 400 });
  }
  if (!recordEligibility({ bidId: bid.id, eligible: parsed.data.eligible, reason: parsed.data.reason, officerId: user.id }, at)) {
    return json(formFailure({ form: "A decision has been made on this bid, so its eligibility can no longer be changed" }, formDataToValues(formData)), { status: 400 });
  }
  return redirect(`/officer/rounds/${bid.roundId}?eligibility=${bid.id}`);
}

export default function OfficerBid() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed, hasServerValues } = useValidatedForm(eligibilitySchema, failure);
  const { bid, eligibility } = data;
  const current = eligibility ? (eligibility.eligible ? "eligible" : "not_eligible") : undefined;
  return (
    <>
      <BackLink to={`/officer/rounds/${bid.roundId}`}>{bid.roundName}</BackLink>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{bid.organisationName}</span>
      <h1 className="govuk-heading-l">
        {bid.reference}: {bid.projectTitle}
      </h1>
      <SummaryList
        rows={[
          { key: "Fund and round", value: `${bid.fundName}: ${bid.roundName}` },
          { key: "Amount requested", value: formatPence(bid.amountRequestedPence) },
          { key: "Submitted", value: bid.submittedAt ? formatLondonDateTime(new Date(bid.submittedAt)) : "Not recorded" },
          { key: "Register flags", value: <RegisterFlags checked={data.register.checks.length > 0} flags={data.register.flags} /> },
          { key: "Eligibility", value: <EligibilityTag eligible={eligibility?.eligible ?? null} /> },
        ]}
      />

      <h2 className="govuk-heading-m">Register checks</h2>
      {data.register.checks.length === 0 ? <p className="govuk-body">No register checks have been run for this organisation.</p> : <RegisterCheckTable checks={data.register.checks} />}

      <h2 className="govuk-heading-m">The organisation when it submitted the bid</h2>
      <OrganisationDetails organisationId={bid.organisationId} organisation={data.organisation} />

      <h2 className="govuk-heading-m">The bid as submitted</h2>
      {data.sections.map((section) => (
        <div key={section.key}>
          <h3 className="govuk-heading-s">{section.title}</h3>
          {section.rows.length > 0 ? <SummaryList rows={section.rows} /> : <p className="govuk-body">Not answered.</p>}
        </div>
      ))}

      <h2 className="govuk-heading-m">Documents</h2>
      <Documents documents={data.documents} />

      <h2 className="govuk-heading-m" id="eligibility-section">
        Eligibility
      </h2>
      {eligibility ? (
        <InsetText>
          Recorded as {eligibility.eligible ? "eligible" : "not eligible"} by {eligibility.decidedByName} on {formatLondonDateTime(new Date(eligibility.decidedAt))}.
          {eligibility.reason ? ` Reason: ${eligibility.reason}` : ""}
        </InsetText>
      ) : null}
      {data.canRecordEligibility ? (
        <EligibilityForm
          errors={errors}
          onSubmit={onSubmit}
          eligibility={hasServerValues ? typed("eligibility") : current}
          reason={hasServerValues ? typed("reason") : (eligibility?.reason ?? "")}
        />
      ) : (
        <p className="govuk-body">
          {!data.roundClosed
            ? `Eligibility can be recorded once the round closes on ${formatLondonDateTime(new Date(bid.closesAt))}.`
            : "A decision has been made on this bid, so its eligibility can no longer be changed."}
        </p>
      )}

      <h2 className="govuk-heading-m">Assessments</h2>
      {data.assessments.length > 0 ? (
        <SummaryList
          rows={[
            { key: "Mean weighted score", value: formatScore(data.scores.mean) },
            { key: "Spread between assessors", value: formatPoints(data.scores.spread) },
            ...(data.scores.flagged ? [{ key: "Moderation", value: "Needs moderation" }] : []),
            ...(data.scores.moderated !== null ? [{ key: "Moderated score", value: `${formatScore(data.scores.moderated)}. ${data.scores.moderationReason ?? ""}` }] : []),
          ]}
        />
      ) : null}
      <AssessmentList assessments={data.assessments} />
      {eligibility?.eligible ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/officer/bids/${bid.id}/moderate`}>
            Record a moderated score for this bid
          </Link>
        </p>
      ) : null}
    </>
  );
}

function Documents({ documents }: { documents: { id: number; kind: string; originalName: string; sizeBytes: number }[] }) {
  if (documents.length === 0) return <p className="govuk-body">No documents were uploaded with this bid.</p>;
  return (
    <Table
      rows={documents}
      rowKey={(d) => d.id}
      columns={[
        { header: "Document", cell: (d) => REQUIRED_DOCUMENTS.find((r) => r.kind === d.kind)?.title ?? d.kind },
        {
          header: "File",
          cell: (d) => (
            <a className="govuk-link" href={`/attachments/${d.id}`} download>
              {d.originalName}
            </a>
          ),
        },
        { header: "Size", numeric: true, cell: (d) => formatFileSize(d.sizeBytes) },
      ]}
    />
  );
}
