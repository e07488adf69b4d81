/** Whether a round is taking bids, judged by its instants against an injected clock. */
export type RoundStatus = "upcoming" | "open" | "closed";

export function roundStatus(round: { opensAt: Date; closesAt: Date }, now: Date): RoundStatus {
  if (now.getTime() < round.opensAt.getTime()) return "upcoming";
  // The closing instant itself is too late: "closes at 5pm" means a bid at 5:00:00pm is refused.
  if (now.getTime() < round.closesAt.getTime()) return "open";
  return "closed";
}

export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = {
  upcoming: "Opens soon",
  open: "Open",
  closed: "Closed",
};
