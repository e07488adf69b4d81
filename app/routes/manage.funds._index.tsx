import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SavedBanner } from "~/components/config/SavedBanner";
import { BackLink, ButtonLink, Table } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { formatPence } from "~/domain/money/money";
import { listFunds } from "~/models/fund.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Funds" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  return json({
    funds: listFunds().map((f) => ({
      id: f.id,
      name: f.name,
      code: f.code,
      moneySource: f.moneySource,
      allocation: f.allocationMethod === "competitive" ? "Competitive" : "Passported",
      defaultMaxAward: f.defaultMaxAwardPence > 0 ? formatPence(f.defaultMaxAwardPence) : "No maximum",
    })),
  });
}

export default function Funds() {
  const { funds } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/manage">Fund configuration</BackLink>
      <SavedBanner items={funds} />
      <h1 className="govuk-heading-l">Funds</h1>
      {funds.length === 0 ? <p className="govuk-body">No funds have been added yet.</p> : null}
      <ButtonLink to="/manage/funds/new">Add a fund</ButtonLink>
      {funds.length > 0 ? (
        <Table
          caption="All funds"
          rowKey={(f) => f.id}
          rows={funds}
          columns={[
            { header: "Fund", cell: (f) => f.name },
            { header: "Code", cell: (f) => f.code },
            { header: "Money source", cell: (f) => f.moneySource },
            { header: "Allocation", cell: (f) => f.allocation },
            { header: "Default maximum award", numeric: true, cell: (f) => f.defaultMaxAward },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (f) => (
                <ul className="govuk-list">
                  <li>
                    <Link className="govuk-link" to={`/manage/funds/${f.id}`}>
                      Change<span className="govuk-visually-hidden"> {f.name}</span>
                    </Link>
                  </li>
                  <li>
                    <Link className="govuk-link" to={`/manage/rounds/new?fund=${f.id}`}>
                      Add a round<span className="govuk-visually-hidden"> to {f.name}</span>
                    </Link>
                  </li>
                </ul>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
