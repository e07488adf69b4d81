import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoundCard } from "~/components/RoundCard";
import { roundStatus } from "~/domain/rounds/round-status";
import { listOpenAndUpcomingRounds } from "~/models/round.server";
import { listOrganisationsForUser } from "~/models/user.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Your applications" };

/** An applicant's home: the organisations they act for and the rounds they can bid in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const at = now();
  return json({
    user,
    organisations: listOrganisationsForUser(user.id),
    rounds: listOpenAndUpcomingRounds(at).map((r) => ({ ...r, status: roundStatus(r, at) })),
  });
}

export default function Applications() {
  const { user, organisations, rounds } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{user.name}</span>
        <h1 className="govuk-heading-l">Your applications</h1>
        <h2 className="govuk-heading-m">Your organisations</h2>
        {organisations.length === 0 ? (
          <p className="govuk-body">You do not belong to an organisation yet.</p>
        ) : (
          <ul className="govuk-list govuk-list--bullet">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link className="govuk-link" to={`/organisations/${o.id}`}>
                  {o.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <h2 className="govuk-heading-m">Your bids</h2>
        <p className="govuk-body">You have not started any bids yet.</p>
        <h2 className="govuk-heading-m">Rounds you can bid in</h2>
        {rounds.length === 0 ? <p className="govuk-body">No grant rounds are open or opening soon.</p> : rounds.map((r) => <RoundCard key={r.id} round={r} />)}
        <p className="govuk-body">
          <Link className="govuk-link" to="/account">
            Manage your account
          </Link>
        </p>
      </div>
    </div>
  );
}
