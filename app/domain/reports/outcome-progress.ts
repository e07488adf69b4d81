/**
 * "Outcomes so far" for a funded project: each target outcome its bid named, beside what the
 * latest accepted monitoring return says was achieved. Only accepted returns count: a return the
 * officer sent back for more information is not yet something to tell the Panel.
 */
export type OutcomeProgress = { name: string; target: number; measure: string; achieved: number | null };
export type ReturnKind = "interim" | "final";

/** A final return describes the whole project, so it wins over an interim one. */
export function latestReturn<T extends { kind: ReturnKind }>(returns: readonly T[]): T | null {
  return returns.find((r) => r.kind === "final") ?? returns.find((r) => r.kind === "interim") ?? null;
}

export function outcomeProgressText(o: OutcomeProgress): string {
  return o.achieved === null ? `${o.name}: target ${o.target}, nothing reported yet` : `${o.name}: ${o.achieved} achieved against a target of ${o.target}`;
}

export function returnStatusText(kind: ReturnKind | null, beneficiariesReached: number | null): string {
  if (kind === null) return "No monitoring return accepted yet.";
  const reached = beneficiariesReached === null ? "" : ` ${beneficiariesReached} ${beneficiariesReached === 1 ? "person" : "people"} reached.`;
  return `From the ${kind} return.${reached}`;
}
