import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SavedBanner } from "~/components/config/SavedBanner";
import { BackLink, ButtonLink, Table, Tag } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { formatIsoDate } from "~/domain/time/london";
import { listPlans } from "~/models/plan.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Police and Crime Plans" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  return json({
    plans: listPlans().map((p) => ({
      id: p.id,
      name: p.name,
      area: p.area,
      period: `${formatIsoDate(p.startsOn)} to ${formatIsoDate(p.endsOn)}`,
      priorityCount: p.priorityCount,
      inUse: p.inUse,
    })),
  });
}

export default function Plans() {
  const { plans } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/manage">Fund configuration</BackLink>
      <SavedBanner items={plans} />
      <h1 className="govuk-heading-l">Police and Crime Plans</h1>
      <p className="govuk-body">Each grant round works to one plan. Once a round uses a plan, the plan cannot be changed: create a new version of it instead.</p>
      <ButtonLink to="/manage/plans/new">Add a plan</ButtonLink>
      {plans.length === 0 ? (
        <p className="govuk-body">No plans have been added yet.</p>
      ) : (
        <Table
          caption="All plans"
          rowKey={(p) => p.id}
          rows={plans}
          columns={[
            { header: "Plan", cell: (p) => p.name },
            { header: "Area", cell: (p) => p.area },
            { header: "Runs", cell: (p) => p.period },
            { header: "Priorities", numeric: true, cell: (p) => p.priorityCount },
            { header: "Status", cell: (p) => (p.inUse ? <Tag colour="green">Used by a round</Tag> : <Tag colour="grey">Not used yet</Tag>) },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (p) => (
                <Link className="govuk-link" to={`/manage/plans/${p.id}`}>
                  {p.inUse ? "View" : "Change"}
                  <span className="govuk-visually-hidden"> {p.name}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
