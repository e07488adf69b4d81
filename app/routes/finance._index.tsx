import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoundsTable } from "~/components/RoundsTable";
import { roundStatus } from "~/domain/rounds/round-status";
import { roundBudgetsByFund } from "~/models/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Finance dashboard" };

/** Finance's home: the money each round may commit, to the penny. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  return json({ user, rounds: roundBudgetsByFund().map((r) => ({ ...r, status: roundStatus(r, at) })) });
}

export default function FinanceDashboard() {
  const { user, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Finance dashboard</h1>
      <p className="govuk-body">Round budgets as set by grants officers. The total is the sum of the rows above it.</p>
      <RoundsTable rows={rounds} caption="Round budgets" />
    </>
  );
}
