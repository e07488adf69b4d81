import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink } from "~/components/govuk";
import { RoundCard } from "~/components/RoundCard";
import { roundStatus } from "~/domain/rounds/round-status";
import { listOpenAndUpcomingRounds } from "~/models/round.server";
import { getOptionalUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Apply for a community safety grant" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const at = now();
  const rounds = listOpenAndUpcomingRounds(at).map((r) => ({ ...r, status: roundStatus(r, at) }));
  return json({ rounds, signedIn: Boolean(user) });
}

export default function Home() {
  const { rounds, signedIn } = useLoaderData<typeof loader>();
  const open = rounds.filter((r) => r.status === "open");
  const upcoming = rounds.filter((r) => r.status === "upcoming");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Apply for a community safety grant</h1>
        <p className="govuk-body-l">Community groups, charities and social enterprises can bid for grants that make their area safer, in line with the Police and Crime Plan.</p>
        {signedIn ? null : (
          <>
            <ButtonLink to="/signup">Create an account</ButtonLink>
            <p className="govuk-body">
              Already have an account?{" "}
              <Link className="govuk-link" to="/login">
                Sign in
              </Link>
            </p>
          </>
        )}
        <h2 className="govuk-heading-l">Open for bids</h2>
        {open.length === 0 ? <p className="govuk-body">No grant rounds are open at the moment.</p> : open.map((r) => <RoundCard key={r.id} round={r} />)}
        {upcoming.length > 0 ? (
          <>
            <h2 className="govuk-heading-l">Opening soon</h2>
            {upcoming.map((r) => (
              <RoundCard key={r.id} round={r} />
            ))}
          </>
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-link" to="/rounds">
            See all grant rounds
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/funded">
            See the projects we have funded
          </Link>
        </p>
      </div>
    </div>
  );
}
