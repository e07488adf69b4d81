/**
 * What a whole bid looks like in the file, read with a plain SQLite connection (no app code), so
 * the checks say what is on disk, not what the app would make of it. Submission writes the bid's
 * status, reference, sequence and frozen snapshot, one row per priority, theme, tag, district,
 * budget line and outcome, and a `bid.submitted` audit event, all in one transaction
 * (app/models/bid.server.ts submitBid): a crash or a backup must show all of it or none of it.
 */
import Database from "better-sqlite3";

const CHILD_TABLES = ["bid_priorities", "bid_themes", "bid_tags", "bid_districts", "bid_budget_lines", "bid_outcomes"] as const;
type ChildTable = (typeof CHILD_TABLES)[number];

export type BidOnDisk = {
  id: number;
  roundId: number;
  status: string;
  reference: string | null;
  roundSequence: number | null;
  submittedAt: number | null;
  snapshot: { answers: Record<string, Record<string, unknown>>; typed: Record<string, Record<string, unknown>> } | null;
  answers: Record<string, Record<string, unknown>>;
  children: Record<ChildTable, number>;
  submittedAudits: { reference: unknown }[];
};

export function openReadOnly(file: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

export function readBids(sqlite: Database.Database, ids?: readonly number[]): BidOnDisk[] {
  const rows = sqlite.prepare("SELECT id, round_id, status, reference, round_sequence, submitted_at, submitted, answers FROM bids ORDER BY id").all() as {
    id: number;
    round_id: number;
    status: string;
    reference: string | null;
    round_sequence: number | null;
    submitted_at: number | null;
    submitted: string | null;
    answers: string;
  }[];
  const wanted = ids ? new Set(ids) : undefined;
  const children = Object.fromEntries(
    CHILD_TABLES.map((table) => [table, new Map((sqlite.prepare(`SELECT bid_id AS id, count(*) AS n FROM ${table} GROUP BY bid_id`).all() as { id: number; n: number }[]).map((r) => [r.id, r.n]))]),
  ) as Record<ChildTable, Map<number, number>>;
  const audits = new Map<number, { reference: unknown }[]>();
  for (const a of sqlite.prepare("SELECT subject_id, after FROM audit_events WHERE subject_type = 'bid' AND action = 'bid.submitted'").all() as { subject_id: string; after: string | null }[]) {
    const id = Number(a.subject_id);
    audits.set(id, [...(audits.get(id) ?? []), { reference: a.after ? (JSON.parse(a.after) as { reference?: unknown }).reference : undefined }]);
  }
  return rows
    .filter((r) => !wanted || wanted.has(r.id))
    .map((r) => ({
      id: r.id,
      roundId: r.round_id,
      status: r.status,
      reference: r.reference,
      roundSequence: r.round_sequence,
      submittedAt: r.submitted_at,
      snapshot: r.submitted ? JSON.parse(r.submitted) : null,
      answers: JSON.parse(r.answers),
      children: Object.fromEntries(CHILD_TABLES.map((t) => [t, children[t].get(r.id) ?? 0])) as Record<ChildTable, number>,
      submittedAudits: audits.get(r.id) ?? [],
    }));
}

/** The rows a submission writes for this snapshot, table by table. */
function expectedChildren(snapshot: NonNullable<BidOnDisk["snapshot"]>): Record<ChildTable, number> {
  const a = snapshot.answers as { priorities: { priorityIds: unknown[]; themeIds: unknown[]; tagIds: unknown[] }; area: { districtIds: unknown[] }; budget: { lines: unknown[] }; outcomes: { outcomes: unknown[] } };
  return {
    bid_priorities: a.priorities.priorityIds.length,
    bid_themes: a.priorities.themeIds.length,
    bid_tags: a.priorities.tagIds.length,
    bid_districts: a.area.districtIds.length,
    bid_budget_lines: a.budget.lines.length,
    bid_outcomes: a.outcomes.outcomes.length,
  };
}

/**
 * Everything that makes a bid half-written; empty for a clean draft (nothing of a submission) or
 * a whole submission (all of it, with exactly one audit event naming the same reference).
 */
export function halfWritten(bid: BidOnDisk): string[] {
  const problems: string[] = [];
  const none = Object.entries(bid.children).filter(([, n]) => n > 0);
  if (bid.status === "draft") {
    if (bid.reference !== null) problems.push(`draft with a reference ${bid.reference}`);
    if (bid.roundSequence !== null) problems.push("draft with a round sequence");
    if (bid.snapshot !== null) problems.push("draft with a submitted snapshot");
    if (bid.submittedAt !== null) problems.push("draft with a submission time");
    if (none.length > 0) problems.push(`draft with submission rows in ${none.map(([t]) => t).join(", ")}`);
    if (bid.submittedAudits.length > 0) problems.push("draft with a bid.submitted audit event");
    return problems.map((p) => `bid ${bid.id}: ${p}`);
  }
  if (!bid.reference || !bid.roundSequence) problems.push("no reference or sequence");
  if (!bid.snapshot) problems.push("no submitted snapshot");
  if (!bid.submittedAt) problems.push("no submission time");
  if (bid.snapshot) {
    const expected = expectedChildren(bid.snapshot);
    for (const [table, n] of Object.entries(expected)) if (bid.children[table as ChildTable] !== n) problems.push(`${bid.children[table as ChildTable]} rows in ${table}, expected ${n}`);
  }
  if (bid.submittedAudits.length !== 1) problems.push(`${bid.submittedAudits.length} bid.submitted audit events`);
  else if (bid.submittedAudits[0].reference !== bid.reference) problems.push(`audit event names ${String(bid.submittedAudits[0].reference)}, bid has ${bid.reference}`);
  return problems.map((p) => `bid ${bid.id} (${bid.status}): ${p}`);
}

/** Duplicate references or sequences, and gaps in a round's numbering (a rolled-back submission leaves none). */
export function numberingProblems(bids: readonly BidOnDisk[]): string[] {
  const problems: string[] = [];
  const byRound = new Map<number, BidOnDisk[]>();
  for (const b of bids) if (b.roundSequence !== null) byRound.set(b.roundId, [...(byRound.get(b.roundId) ?? []), b]);
  for (const [roundId, numbered] of byRound) {
    const sequences = numbered.map((b) => b.roundSequence!).sort((x, y) => x - y);
    const references = new Set(numbered.map((b) => b.reference));
    if (references.size !== numbered.length) problems.push(`round ${roundId}: ${numbered.length - references.size} duplicate references`);
    if (new Set(sequences).size !== sequences.length) problems.push(`round ${roundId}: duplicate sequence numbers`);
    if (sequences[0] !== 1 || sequences[sequences.length - 1] !== sequences.length) problems.push(`round ${roundId}: sequence runs ${sequences[0]}..${sequences[sequences.length - 1]} for ${sequences.length} bids`);
  }
  return problems;
}

export function integrityCheck(sqlite: Database.Database): string {
  return (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("\n");
}
