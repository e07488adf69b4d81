import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoundsTable } from "~/components/RoundsTable";
import { roundStatus } from "~/domain/rounds/round-status";
import { roundBudgetsByFund } from "~/models/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Your assessments" };

/** An assessor's home: the bids assigned to them (none until a round closes) and the rounds in progress. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const at = now();
  return json({ user, rounds: roundBudgetsByFund().map((r) => ({ ...r, status: roundStatus(r, at) })) });
}

export default function AssessorDashboard() {
  const { user, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Your assessments</h1>
      <h2 className="govuk-heading-m">Bids assigned to you</h2>
      <p className="govuk-body">No bids are assigned to you yet. A grants officer assigns bids after a round closes.</p>
      <RoundsTable rows={rounds} caption="Grant rounds" />
    </>
  );
}
