import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SavedBanner } from "~/components/config/SavedBanner";
import { BackLink, ButtonLink, Table, Tag } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { formatPence } from "~/domain/money/money";
import { ROUND_STATUS_LABEL, roundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";
import { listRoundsForStaff } from "~/models/round-config.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Grant rounds" };

const STATUS_COLOUR = { upcoming: "blue", open: "green", closed: "grey" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const at = now();
  return json({
    rounds: listRoundsForStaff().map(({ round, fundName, planName }) => ({
      id: round.id,
      name: round.name,
      code: round.code,
      fundName,
      planName,
      status: roundStatus(round, at),
      opens: formatLondonDateTime(round.opensAt),
      closes: formatLondonDateTime(round.closesAt),
      budget: formatPence(round.budgetPence),
      maxAward: formatPence(round.maxAwardPence),
    })),
  });
}

export default function Rounds() {
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/manage">Fund configuration</BackLink>
      <SavedBanner items={rounds} />
      <h1 className="govuk-heading-l">Grant rounds</h1>
      <ButtonLink to="/manage/rounds/new">Create a round</ButtonLink>
      {rounds.length === 0 ? (
        <p className="govuk-body">No rounds have been created yet.</p>
      ) : (
        <Table
          caption="All rounds, by fund"
          rowKey={(r) => r.id}
          rows={rounds}
          columns={[
            {
              header: "Round",
              cell: (r) => (
                <>
                  {r.name} ({r.code})
                  <br />
                  <span className="govuk-body-s">{r.planName}</span>
                </>
              ),
            },
            { header: "Fund", cell: (r) => r.fundName },
            { header: "Status", cell: (r) => <Tag colour={STATUS_COLOUR[r.status]}>{ROUND_STATUS_LABEL[r.status]}</Tag> },
            { header: "Opens", cell: (r) => r.opens },
            { header: "Closes", cell: (r) => r.closes },
            { header: "Budget", numeric: true, cell: (r) => r.budget },
            { header: "Maximum award", numeric: true, cell: (r) => r.maxAward },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (r) => (
                <Link className="govuk-link" to={`/manage/rounds/${r.id}`}>
                  Change<span className="govuk-visually-hidden"> {r.name}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
