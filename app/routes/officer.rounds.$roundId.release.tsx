import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, NotificationBanner, Table } from "~/components/govuk";
import { DECISION_LABEL } from "~/domain/decisions/budget";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { findRound, releaseCheck, releaseDecisions, sendOutcomeEmails } from "~/models/assessment/decision.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Release decisions to applicants" };

/** The check before release: what each applicant will be told, and anything still undecided. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = findRound(params.roundId) ?? notFound();
  const check = releaseCheck(round.id);
  const brief = (r: { bidId: number; reference: string | null; organisationName: string }) => ({ bidId: r.bidId, reference: r.reference, organisationName: r.organisationName });
  const url = new URL(request.url);
  return json({
    user: { name: user.name },
    round: { id: round.id, name: round.name },
    closed: roundStatus(round, now()) === "closed",
    releasedAt: check.releasedAt,
    undecided: check.undecided.map(brief),
    unchecked: check.unchecked.map(brief),
    outcomes: check.outcomes.map((o) => ({ ...brief(o), outcome: o.outcome, amountPence: o.amountPence, ineligible: o.ineligible, note: o.outcome === "fund_part" ? o.reason : o.feedback })),
    sent: url.searchParams.has("sent") ? { sent: Number(url.searchParams.get("sent")), failed: Number(url.searchParams.get("failed")) } : null,
  });
}

/** Releases in one transaction, then emails each applicant: mail is sent only after the commit. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = findRound(params.roundId) ?? notFound();
  const result = releaseDecisions(round.id, user.id, now());
  if (result.ok) {
    const { sent, failed } = await sendOutcomeEmails(result.notices);
    return redirect(`/officer/rounds/${round.id}/release?sent=${sent}&failed=${failed.length}`);
  }
  if (result.code === "not_found") notFound();
  if (result.code === "incomplete") {
    const missing = result.undecided.length + result.unchecked.length;
    return json({ errors: { form: `Decisions cannot be released yet: ${missing} ${missing === 1 ? "bid still needs" : "bids still need"} an eligibility check or a decision` } }, { status: 400 });
  }
  return json({ errors: { form: result.message } }, { status: 400 });
}

export default function Release() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const blocked = data.undecided.length > 0 || data.unchecked.length > 0;
  return (
    <>
      <BackLink to={`/officer/rounds/${data.round.id}/decisions`}>Back to funding decisions</BackLink>
      <ErrorSummary errors={failure?.errors} />
      {data.sent ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            Decisions released. {data.sent.sent} {data.sent.sent === 1 ? "email" : "emails"} sent
            {data.sent.failed ? `; ${data.sent.failed} could not be sent, so contact those applicants directly` : ""}.
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{data.round.name}</span>
      <h1 className="govuk-heading-l">Release decisions to applicants</h1>
      {data.releasedAt ? (
        <InsetText>Decisions were released on {formatLondonDateTime(new Date(data.releasedAt))}. Applicants can see their outcome and feedback on their bid's page.</InsetText>
      ) : !data.closed ? (
        <InsetText>Decisions can be released once the round has closed.</InsetText>
      ) : (
        <>
          <p className="govuk-body">
            Every applicant is told at once: each gets an email, and sees the outcome and feedback on their bid's page. Funded bids become Awarded; not funded and ineligible bids become Not funded; bids on the reserve list stay under assessment. Once
            released, decisions cannot be changed.
          </p>
          {blocked ? <StillToDo undecided={data.undecided} unchecked={data.unchecked} /> : null}
        </>
      )}
      {data.outcomes.length ? (
        <Table
          caption={data.releasedAt ? "What applicants were told" : "What applicants will be told"}
          rows={data.outcomes}
          rowKey={(o) => o.bidId}
          columns={[
            { header: "Bid", cell: (o) => `${o.reference}, ${o.organisationName}` },
            { header: "Outcome", cell: (o) => (o.ineligible ? "Not funded (not eligible)" : DECISION_LABEL[o.outcome]) },
            { header: "Amount", numeric: true, cell: (o) => formatPence(o.amountPence) },
            { header: "Reason or feedback", cell: (o) => o.note ?? "" },
          ]}
        />
      ) : null}
      {!data.releasedAt && data.closed && !blocked ? (
        <Form method="post">
          <Button>Release decisions and email applicants</Button>
        </Form>
      ) : null}
    </>
  );
}

type Brief = { bidId: number; reference: string | null; organisationName: string };

function StillToDo({ undecided, unchecked }: { undecided: Brief[]; unchecked: Brief[] }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        Decisions cannot be released until every bid has been checked for eligibility and every eligible bid has a decision.
        {undecided.length ? (
          <>
            <h2 className="govuk-heading-s govuk-!-margin-top-4">Eligible bids without a decision</h2>
            <ul className="govuk-list govuk-list--bullet">
              {undecided.map((b) => (
                <li key={b.bidId}>
                  <Link className="govuk-link" to={`/officer/bids/${b.bidId}/decision`}>
                    {b.reference}, {b.organisationName}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {unchecked.length ? (
          <>
            <h2 className="govuk-heading-s govuk-!-margin-top-4">Bids not yet checked for eligibility</h2>
            <ul className="govuk-list govuk-list--bullet">
              {unchecked.map((b) => (
                <li key={b.bidId}>
                  {b.reference}, {b.organisationName}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
