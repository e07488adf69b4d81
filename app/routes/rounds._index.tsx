import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoundCard } from "~/components/RoundCard";
import { roundStatus } from "~/domain/rounds/round-status";
import { listAllRounds } from "~/models/round.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Grant rounds" };

/** Public: every round, grouped by whether it is open, opening soon or closed. */
export async function loader() {
  const at = now();
  return json({ rounds: listAllRounds().map((r) => ({ ...r, status: roundStatus(r, at) })) });
}

export default function Rounds() {
  const { rounds } = useLoaderData<typeof loader>();
  const groups = [
    { title: "Open for bids", status: "open", empty: "No grant rounds are open at the moment." },
    { title: "Opening soon", status: "upcoming", empty: "No grant rounds are due to open." },
    { title: "Closed", status: "closed", empty: "No grant rounds have closed yet." },
  ] as const;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Grant rounds</h1>
        {groups.map((g) => {
          const inGroup = rounds.filter((r) => r.status === g.status);
          return (
            <section key={g.status}>
              <h2 className="govuk-heading-l">{g.title}</h2>
              {inGroup.length === 0 ? <p className="govuk-body">{g.empty}</p> : inGroup.map((r) => <RoundCard key={r.id} round={r} />)}
            </section>
          );
        })}
      </div>
    </div>
  );
}
