import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Table, Tag } from "~/components/govuk";
import { AWARD_STATUS_COLOUR, AWARD_STATUS_LABEL } from "~/domain/awards/offer";
import { BID_STATUS_COLOUR, BID_STATUS_LABEL, statusForApplicant, type BidStatus } from "~/domain/bids/status";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { listAwardsForUser } from "~/models/awards/award.server";
import { BidRefused, listBidsForUser, startBid } from "~/models/bid.server";
import { listOpenAndUpcomingRounds } from "~/models/round.server";
import { listOrganisationsForUser } from "~/models/user.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: "Your applications" };

/** An applicant's home: their bids and statuses, their organisations, and the rounds open to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const at = now();
  const bids = listBidsForUser(user.id).map((b) => ({
    id: b.id,
    title: b.projectTitle ?? ((b.answers as { project?: { title?: string } }).project?.title || "Untitled bid"),
    status: statusForApplicant(b.status as BidStatus, roundStatus(b, at) === "closed"),
    reference: b.reference,
    roundName: `${b.fundName}: ${b.roundName}`,
    roundId: b.roundId,
    organisationId: b.organisationId,
    organisationName: b.organisationName,
    amountRequestedPence: b.amountRequestedPence,
    updatedAt: b.updatedAt,
  }));
  return json({
    user,
    organisations: listOrganisationsForUser(user.id),
    bids,
    awards: listAwardsForUser(user.id).map((a) => ({ id: a.id, title: a.projectTitle ?? "Untitled project", reference: a.reference, organisationName: a.organisationName, status: a.status, amountPence: a.amountPence })),
    rounds: listOpenAndUpcomingRounds(at).map((r) => ({ ...r, status: roundStatus(r, at) })),
  });
}

const startSchema = z.object({
  roundId: z.coerce.number().int().positive(),
  organisationId: z.coerce.number({ invalid_type_error: "Select the organisation this bid is for" }).int().positive("Select the organisation this bid is for"),
});

/** Starts the organisation's draft in a round, or returns to the draft it already has. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const parsed = parseForm(startSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    return redirect(`/applications/${startBid({ userId: user.id, ...parsed.data }, now())}`);
  } catch (error) {
    if (!(error instanceof BidRefused)) throw error;
    if (error.message === "not_member") notFound();
    return json({ errors: { form: error.message }, values: {} }, { status: 400 });
  }
}

export default function Applications() {
  const { user, organisations, bids, awards, rounds } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const open = rounds.filter((r) => r.status === "open");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={failure?.errors} />
        <span className="govuk-caption-l">{user.name}</span>
        <h1 className="govuk-heading-l">Your applications</h1>
        {bids.length === 0 ? (
          <p className="govuk-body">You have not started any bids yet.</p>
        ) : (
          <Table
            caption="Your bids"
            rows={bids}
            rowKey={(b) => b.id}
            columns={[
              {
                header: "Project",
                cell: (b) => (
                  <Link className="govuk-link" to={`/applications/${b.id}`}>
                    {b.title}
                  </Link>
                ),
              },
              { header: "Reference", cell: (b) => b.reference ?? "Not submitted" },
              { header: "Round", cell: (b) => b.roundName },
              { header: "Organisation", cell: (b) => b.organisationName },
              { header: "Status", cell: (b) => <Tag colour={BID_STATUS_COLOUR[b.status]}>{BID_STATUS_LABEL[b.status]}</Tag> },
              { header: "Amount", numeric: true, cell: (b) => (b.amountRequestedPence === null ? "" : formatPence(b.amountRequestedPence)) },
            ]}
          />
        )}
        {awards.length > 0 ? (
          <Table
            caption="Your grants"
            rows={awards}
            rowKey={(a) => a.id}
            columns={[
              {
                header: "Project",
                cell: (a) => (
                  <Link className="govuk-link" to={`/awards/${a.id}`}>
                    {a.title}
                  </Link>
                ),
              },
              { header: "Reference", cell: (a) => a.reference ?? "" },
              { header: "Organisation", cell: (a) => a.organisationName },
              { header: "Status", cell: (a) => <Tag colour={AWARD_STATUS_COLOUR[a.status]}>{AWARD_STATUS_LABEL[a.status]}</Tag> },
              { header: "Grant", numeric: true, cell: (a) => formatPence(a.amountPence) },
            ]}
          />
        ) : null}
        <h2 className="govuk-heading-m">Rounds open for bids</h2>
        {open.length === 0 ? <p className="govuk-body">No grant rounds are open at the moment.</p> : null}
        {open.map((r) => {
          const existing = bids.find((b) => b.roundId === r.id && b.status !== "withdrawn");
          return (
            <div key={r.id} className="govuk-!-margin-bottom-6">
              <h3 className="govuk-heading-s">
                <Link className="govuk-link" to={`/funds/${r.fundSlug}/rounds/${r.slug}`}>
                  {r.fundName}: {r.name}
                </Link>
              </h3>
              <p className="govuk-body">
                Grants of up to {formatPence(r.maxAwardPence)}. Closes {formatLondonDateTime(new Date(r.closesAt))}.
              </p>
              {existing ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/applications/${existing.id}`}>
                    Go to your bid in this round
                  </Link>
                </p>
              ) : organisations.length > 0 ? (
                <Form method="post">
                  <input type="hidden" name="roundId" value={r.id} />
                  {organisations.length === 1 ? (
                    <input type="hidden" name="organisationId" value={organisations[0].id} />
                  ) : (
                    <div className="govuk-form-group">
                      <label className="govuk-label" htmlFor={`organisation-${r.id}`}>
                        Which organisation is this bid for?
                      </label>
                      <select className="govuk-select" id={`organisation-${r.id}`} name="organisationId">
                        {organisations.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  <button type="submit" className="govuk-button" data-module="govuk-button">
                    Start a bid<span className="govuk-visually-hidden"> in {r.name}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          );
        })}
        <h2 className="govuk-heading-m">Your organisations</h2>
        <ul className="govuk-list">
          {organisations.map((o) => (
            <li key={o.id}>
              <Link className="govuk-link" to={`/organisations/${o.id}`}>
                {o.name}
              </Link>{" "}
              (
              <Link className="govuk-link" to={`/organisations/${o.id}/profile`}>
                edit details<span className="govuk-visually-hidden"> of {o.name}</span>
              </Link>
              )
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
