import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { listFunds } from "~/models/fund.server";
import { listPlans } from "~/models/plan.server";
import { listRoundsForStaff } from "~/models/round-config.server";
import { listDistricts, listOutcomes, listReportingTags } from "~/models/taxonomy.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Fund configuration" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  return json({
    sections: [
      { to: "/manage/funds", name: "Funds", about: "Where the money comes from and how it is allocated", count: listFunds().length },
      { to: "/manage/plans", name: "Police and Crime Plans", about: "Priorities and cross-cutting themes that rounds work to", count: listPlans().length },
      { to: "/manage/rounds", name: "Grant rounds", about: "Dates, budgets, eligibility and scoring criteria", count: listRoundsForStaff().length },
      { to: "/manage/tags", name: "Reporting tags", about: "Labels reports group projects by, like Drugs and Alcohol", count: listReportingTags().length },
      { to: "/manage/districts", name: "Districts", about: "The areas projects work in", count: listDistricts().length },
      { to: "/manage/outcomes", name: "Outcomes and impacts", about: "What bids aim to achieve and monitoring reports against", count: listOutcomes().length },
    ],
  });
}

export default function ManageIndex() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Fund configuration</h1>
      <p className="govuk-body">Funds, plans, rounds and the lists bids choose from are data, not code. Every change is recorded in the audit log.</p>
      <Table
        caption="What you can configure"
        rowKey={(s) => s.to}
        rows={sections}
        columns={[
          {
            header: "Section",
            cell: (s) => (
              <Link className="govuk-link" to={s.to}>
                {s.name}
              </Link>
            ),
          },
          { header: "What it covers", cell: (s) => s.about },
          { header: "Items", numeric: true, cell: (s) => s.count },
        ]}
      />
    </>
  );
}
