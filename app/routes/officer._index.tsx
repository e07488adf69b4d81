import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OfficerRoundsTable } from "~/components/officer/OfficerRoundsTable";
import { roundStatus } from "~/domain/rounds/round-status";
import { submittedBidCounts } from "~/models/assessment/round-bids.server";
import { countConfiguration, roundBudgetsByFund } from "~/models/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Grants officer dashboard" };

/** Where grants officers manage rounds: every round's status, deadline, bids and budget, each linking to its assessment page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const at = now();
  const counts = submittedBidCounts();
  return json({
    user,
    counts: countConfiguration(),
    rounds: roundBudgetsByFund().map((r) => ({ id: r.id, fundName: r.fundName, name: r.name, closesAt: r.closesAt, budgetPence: r.budgetPence, status: roundStatus(r, at), submittedBids: counts.get(r.id) ?? 0 })),
  });
}

export default function OfficerDashboard() {
  const { user, counts, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Grants officer dashboard</h1>
      <p className="govuk-body">
        {counts.funds} funds, {counts.plans} Police and Crime Plans and {counts.rounds} grant rounds are set up.{" "}
        <Link className="govuk-link" to="/manage">
          Change fund configuration
        </Link>
      </p>
      <p className="govuk-body">Choose a round to check its bids' eligibility, assign assessors and moderate scores once it has closed.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/officer/awards">
          Awards: monitoring returns and variations
        </Link>
      </p>
      <OfficerRoundsTable rows={rounds} />
    </>
  );
}
