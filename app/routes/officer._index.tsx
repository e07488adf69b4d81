import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoundsTable } from "~/components/RoundsTable";
import { roundStatus } from "~/domain/rounds/round-status";
import { countConfiguration, roundBudgetsByFund } from "~/models/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Grants officer dashboard" };

/** Where grants officers manage rounds: every round's status, deadline and budget. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const at = now();
  return json({ user, counts: countConfiguration(), rounds: roundBudgetsByFund().map((r) => ({ ...r, status: roundStatus(r, at) })) });
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
      <RoundsTable rows={rounds} caption="Grant rounds" editable />
    </>
  );
}
