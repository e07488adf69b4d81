import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { listFunds } from "~/models/fund.server";
import { listRoundsForStaff } from "~/models/round-config.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Reports" };

/** Where staff find every round's report and each fund's Police and Crime Panel report. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "finance", "admin"]);
  return json({
    funds: listFunds().map((f) => ({ slug: f.slug, name: f.name })),
    rounds: listRoundsForStaff().map((r) => ({ id: r.round.id, name: r.round.name, slug: r.round.slug, fundName: r.fundName, fundSlug: r.fundSlug })),
  });
}

export default function Reports() {
  const { funds, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Reports</h1>
      <h2 className="govuk-heading-m">Police and Crime Panel reports</h2>
      <ul className="govuk-list">
        {funds.map((f) => (
          <li key={f.slug}>
            <Link className="govuk-link" to={`/funds/${f.slug}/panel-report`}>
              {f.name}
            </Link>
          </li>
        ))}
      </ul>
      <Table
        caption="Round reports"
        rows={rounds}
        rowKey={(r) => r.id}
        columns={[
          { header: "Fund", cell: (r) => r.fundName },
          {
            header: "Round",
            cell: (r) => (
              <Link className="govuk-link" to={`/funds/${r.fundSlug}/rounds/${r.slug}/report`}>
                {r.name}
              </Link>
            ),
          },
          {
            header: "Drugs and Alcohol",
            cell: (r) => (
              <Link className="govuk-link" to={`/funds/${r.fundSlug}/rounds/${r.slug}/report?tag=drugs-and-alcohol`}>
                Drugs and Alcohol view<span className="govuk-visually-hidden"> of {r.name}</span>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
