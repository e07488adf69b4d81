import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, NotificationBanner, SummaryList, Table } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { EligibilityTag } from "~/components/officer/EligibilityTag";
import { roundSettingsSchema } from "~/components/officer/forms";
import { RegisterFlags } from "~/components/officer/RegisterFlags";
import { recordId } from "~/domain/config/fields";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { getRoundForStaff, listRoundBids, registerFlagsByOrganisation, roundSettings } from "~/models/assessment/round-bids.server";
import { updateRoundSettings } from "~/models/assessment/round-settings.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: (data: { round?: { name: string } } | undefined) => data?.round?.name ?? "Grant round" };

function loadRound(param: string | undefined) {
  return getRoundForStaff(recordId(param) ?? 0) ?? notFound();
}

/** Bids in submission order: the officer works down the list checking eligibility (the ranking lives on the moderation page). */
function bidRows(roundBids: ReturnType<typeof listRoundBids>, assessorsPerBid: number) {
  const bids = [...roundBids].sort((a, b) => (a.reference ?? "").localeCompare(b.reference ?? ""));
  const flags = registerFlagsByOrganisation(bids.map((b) => b.organisationId));
  return bids.map((b) => {
    const active = b.assessments.filter((a) => a.status !== "conflict");
    return {
      id: b.id,
      reference: b.reference ?? "",
      organisationName: b.organisationName,
      projectTitle: b.projectTitle ?? "",
      amountRequestedPence: b.amountRequestedPence ?? 0,
      register: flags.get(b.organisationId) ?? { checked: false, flags: [] },
      eligible: b.eligible,
      assessorsAssigned: active.length,
      assessorsNeeded: assessorsPerBid,
      assessmentsSubmitted: active.filter((a) => a.status === "submitted").length,
      conflicts: b.assessments.length - active.length,
      flaggedForModeration: b.flaggedForModeration,
    };
  });
}

/**
 * A round's page for grants officers. While it is open only the number of bids shows: eligibility,
 * assessment and scores begin when it closes.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = loadRound(params.roundId);
  const status = roundStatus(round, now());
  const settings = roundSettings(round.id);
  const bids = listRoundBids(round.id);
  return json({
    user: { name: user.name },
    round: { id: round.id, name: round.name, opensAt: round.opensAt, closesAt: round.closesAt, budgetPence: round.budgetPence },
    status,
    submittedCount: bids.length,
    settings: { assessorsPerBid: settings.assessorsPerBid, moderationThreshold: settings.moderationThreshold },
    bids: status === "closed" ? bidRows(bids, settings.assessorsPerBid) : null,
  });
}

/** The round's assessment settings; any change is audited with the values before and after. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = loadRound(params.roundId);
  const parsed = parseForm(roundSettingsSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  updateRoundSettings({ roundId: round.id, officerId: user.id, ...parsed.data }, now());
  return redirect(`/officer/rounds/${round.id}?settings=saved`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = NonNullable<Data["bids"]>[number];

export default function OfficerRound() {
  const data = useLoaderData<typeof loader>();
  const { round, status, bids } = data;
  const form = useValidatedForm(roundSettingsSchema, useActionData<typeof action>());
  return (
    <>
      <BackLink to="/officer">Grants officer dashboard</BackLink>
      <ErrorSummary errors={form.errors} />
      <Banner bids={bids} />
      <span className="govuk-caption-l">Grant round</span>
      <h1 className="govuk-heading-l">{round.name}</h1>
      {bids ? <ClosedRound round={round} bids={bids} /> : <NotClosedYet status={status} round={round} submittedCount={data.submittedCount} />}
      <SettingsForm settings={data.settings} form={form} />
    </>
  );
}

function Banner({ bids }: { bids: Row[] | null }) {
  const [params] = useSearchParams();
  // The banner names the bid from the page's own list, so the query string cannot put words on the page.
  const bid = bids?.find((b) => b.id === Number(params.get("eligibility")));
  if (bid) {
    return (
      <NotificationBanner success>
        <p className="govuk-notification-banner__heading">
          {bid.reference} has been recorded as {bid.eligible ? "eligible" : "not eligible"}.
        </p>
      </NotificationBanner>
    );
  }
  if (params.get("settings") === "saved") {
    return (
      <NotificationBanner success>
        <p className="govuk-notification-banner__heading">The assessment settings have been saved.</p>
      </NotificationBanner>
    );
  }
  return null;
}

function NotClosedYet({ status, round, submittedCount }: { status: Data["status"]; round: Data["round"]; submittedCount: number }) {
  return (
    <>
      <p className="govuk-body">
        {status === "open"
          ? `This round is open for bids until ${formatLondonDateTime(new Date(round.closesAt))}.`
          : `This round opens for bids on ${formatLondonDateTime(new Date(round.opensAt))} and closes on ${formatLondonDateTime(new Date(round.closesAt))}.`}
      </p>
      <p className="govuk-body">
        {submittedCount === 1 ? "1 bid has" : `${submittedCount} bids have`} been submitted so far. You can check eligibility, assign assessors and moderate scores once the round has closed.
      </p>
    </>
  );
}

function progress(row: Row): string {
  if (row.eligible !== true) return "Not in assessment";
  if (row.assessorsAssigned === 0) return "No assessors yet";
  return `${row.assessmentsSubmitted} of ${row.assessorsAssigned} scored`;
}

function ClosedRound({ round, bids }: { round: Data["round"]; bids: Row[] }) {
  const count = (test: (b: Row) => boolean) => bids.filter(test).length;
  const total = bids.reduce((sum, b) => sum + b.amountRequestedPence, 0);
  return (
    <>
      <p className="govuk-body">This round closed on {formatLondonDateTime(new Date(round.closesAt))}.</p>
      <SummaryList
        rows={[
          { key: "Bids submitted", value: String(bids.length) },
          { key: "Eligible", value: String(count((b) => b.eligible === true)) },
          { key: "Not eligible", value: String(count((b) => b.eligible === false)) },
          { key: "Eligibility not checked", value: String(count((b) => b.eligible === null)) },
          { key: "Eligible bids needing more assessors", value: String(count((b) => b.eligible === true && b.assessorsAssigned < b.assessorsNeeded)) },
          { key: "Needing moderation", value: String(count((b) => b.flaggedForModeration)) },
          { key: "Round budget", value: formatPence(round.budgetPence) },
        ]}
      />
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/officer/rounds/${round.id}/assign`}>
            Assign assessors
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/officer/rounds/${round.id}/moderation`}>
            Compare scores and moderate
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/officer/rounds/${round.id}/decisions`}>
            Decisions
          </Link>
        </li>
      </ul>
      {bids.length === 0 ? (
        <p className="govuk-body">No bids were submitted to this round.</p>
      ) : (
        <Table
          caption="Submitted bids"
          rows={bids}
          rowKey={(b) => b.id}
          columns={[
            {
              header: "Reference",
              cell: (b) => (
                <Link className="govuk-link" to={`/officer/bids/${b.id}`}>
                  {b.reference}
                </Link>
              ),
            },
            { header: "Organisation", cell: (b) => b.organisationName },
            { header: "Project", cell: (b) => b.projectTitle },
            { header: "Amount requested", numeric: true, cell: (b) => formatPence(b.amountRequestedPence) },
            { header: "Register flags", cell: (b) => <RegisterFlags {...b.register} /> },
            { header: "Eligibility", cell: (b) => <EligibilityTag eligible={b.eligible} /> },
            { header: "Assessors", cell: (b) => (b.eligible === true ? `${b.assessorsAssigned} of ${b.assessorsNeeded}${b.conflicts ? ` (${b.conflicts} declared a conflict)` : ""}` : "Not needed") },
            { header: "Progress", cell: progress },
          ]}
          foot={
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header" colSpan={3}>
                  Total requested
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{formatPence(total)}</strong>
                </td>
                <td className="govuk-table__cell" colSpan={4} />
              </tr>
            </tfoot>
          }
        />
      )}
    </>
  );
}

function SettingsForm({ settings, form }: { settings: Data["settings"]; form: ReturnType<typeof useValidatedForm> }) {
  const { errors, onSubmit, typed, hasServerValues } = form;
  const value = (name: "assessorsPerBid" | "moderationThreshold") => (hasServerValues ? typed(name) : String(settings[name]));
  return (
    <>
      <h2 className="govuk-heading-m" id="settings">
        Assessment settings
      </h2>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <Input name="assessorsPerBid" label="Assessors per bid" hint="How many assessors score each eligible bid, from 1 to 5" inputMode="numeric" widthClass="govuk-input--width-2" defaultValue={value("assessorsPerBid")} error={errors?.assessorsPerBid} />
        <Input
          name="moderationThreshold"
          label="Moderation threshold, in percentage points"
          hint="A bid is flagged for moderation when its assessors' weighted scores differ by more than this, from 0 to 100"
          inputMode="numeric"
          widthClass="govuk-input--width-3"
          defaultValue={value("moderationThreshold")}
          error={errors?.moderationThreshold}
        />
        <Button secondary>Save settings</Button>
      </Form>
    </>
  );
}
