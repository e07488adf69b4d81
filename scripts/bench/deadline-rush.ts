/**
 * The deadline-day rush: every prepared applicant saves their last page and submits, from a fixed
 * number of concurrent connections, against the production server; then the database is read to
 * prove nothing was lost or duplicated.
 *
 * Each autocannon connection repeats the sequence [save the last page, submit]: the save step
 * takes the next applicant from a shared list and keeps them in the connection's context, the
 * submit step posts for the same applicant. `amount` is exactly two requests per applicant, so
 * with 500 applicants and 100 connections each connection serves five applicants in turn. Both
 * are real form posts with the applicant's session cookie and this site's Origin (the HTTP edge
 * refuses a cross-site post). Redirects are not followed: the measured work is the two posts.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import autocannon from "autocannon";
import type { RushSetup } from "./rush-setup";
import { percentiles, type Percentiles } from "./stats";

export type StepOutcome = { status: number; location: string | null; ms: number };
export type RushRun = {
  connections: number;
  applicants: number;
  /** From the first request sent to the last response received. */
  wallMs: number;
  startedAt: Date;
  finishedAt: Date;
  closesAt: Date;
  saves: StepOutcome[];
  submits: StepOutcome[];
  latency: { all: Percentiles; save: Percentiles; submit: Percentiles };
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts reported by autocannon. */
  errors: number;
  timeouts: number;
  /** Responses that are not what a successful save (302 to the task list) or submit (302 to the confirmation) answers. */
  wrong: string[];
  stoppedEarly: boolean;
};

export async function runRush(
  origin: string,
  setup: RushSetup,
  options: { connections: number; timeLimitMs: number; requestTimeoutS: number; onProgress?: (answered: number, submitted: number) => void },
): Promise<RushRun> {
  const { applicants, lastSection } = setup;
  if (applicants.length % options.connections !== 0) throw new Error("The applicants must divide evenly among the connections");
  const byBid = new Map(applicants.map((a) => [a.bidId, a]));
  const saves = new Map<number, StepOutcome>();
  const submits = new Map<number, StepOutcome>();
  const latencyOf = { save: [] as number[], submit: [] as number[] };
  let next = 0;
  const common = { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" };
  const locationOf = (headers: Record<string, string | string[]>) => {
    const value = headers.location ?? headers.Location;
    return Array.isArray(value) ? value[0] : (value ?? null);
  };

  const instance = autocannon({
    url: origin,
    connections: options.connections,
    amount: applicants.length * 2,
    timeout: options.requestTimeoutS,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const applicant = applicants[next++];
          if (!applicant) throw new Error("The rush asked for more applicants than were prepared");
          context.bidId = applicant.bidId;
          return { ...request, path: `/applications/${applicant.bidId}/${lastSection}`, headers: { ...common, Cookie: applicant.cookie }, body: applicant.body };
        },
        onResponse: (status, _body, context, headers) => {
          saves.set(context.bidId as number, { status, location: locationOf(headers), ms: NaN });
        },
      },
      {
        method: "POST",
        setupRequest: (request, context) => {
          const applicant = byBid.get(context.bidId as number)!;
          return { ...request, path: `/applications/${applicant.bidId}/check`, headers: { ...common, Cookie: applicant.cookie, "Content-Length": "0" }, body: "" };
        },
        onResponse: (status, _body, context, headers) => {
          submits.set(context.bidId as number, { status, location: locationOf(headers), ms: NaN });
        },
      },
    ],
  });

  const startedAt = new Date();
  const t0 = performance.now();
  let last = t0;
  const statusCounts: Record<string, number> = {};
  instance.on("response", (client, statusCode, _bytes, responseTime) => {
    last = performance.now();
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    // The step that just answered: the client has not moved on to its next request yet.
    const step = client.requestIterator.currentRequestIndex === 0 ? "save" : "submit";
    latencyOf[step].push(responseTime);
    const outcome = (step === "save" ? saves : submits).get(client.requestIterator.context.bidId as number);
    if (outcome) outcome.ms = responseTime;
  });
  const progress = setInterval(() => options.onProgress?.(saves.size + submits.size, submits.size), 5_000);
  let stoppedEarly = false;
  const limit = setTimeout(() => {
    stoppedEarly = true;
    instance.stop();
  }, options.timeLimitMs);
  const result = await instance;
  clearTimeout(limit);
  clearInterval(progress);

  const wrong: string[] = [];
  for (const a of applicants) {
    const save = saves.get(a.bidId);
    const submit = submits.get(a.bidId);
    if (!save || save.status !== 302 || save.location !== `/applications/${a.bidId}`) wrong.push(`bid ${a.bidId} save: ${save ? `${save.status} ${save.location ?? ""}` : "no answer"}`);
    if (!submit || submit.status !== 302 || submit.location !== `/applications/${a.bidId}/confirmation`) wrong.push(`bid ${a.bidId} submit: ${submit ? `${submit.status} ${submit.location ?? ""}` : "no answer"}`);
  }
  return {
    connections: options.connections,
    applicants: applicants.length,
    wallMs: last - t0,
    startedAt,
    finishedAt: new Date(startedAt.getTime() + (last - t0)),
    closesAt: new Date(setup.round.closesAt),
    saves: [...saves.values()],
    submits: [...submits.values()],
    latency: { all: percentiles([...latencyOf.save, ...latencyOf.submit]), save: percentiles(latencyOf.save), submit: percentiles(latencyOf.submit) },
    statusCounts,
    // autocannon counts a timed-out request as an error too.
    errors: result.errors,
    timeouts: result.timeouts,
    wrong,
    stoppedEarly,
  };
}

export type RushCheck = {
  bidsInRound: number;
  submitted: number;
  distinctReferences: number;
  /** Round sequences are exactly 1..n, with no gap and no repeat. */
  sequencesContiguous: boolean;
  /** Bids with other than exactly one "bid.submitted" audit event. */
  auditMismatches: number;
  /** Submitted bids whose frozen answers lack the last page the rush saved. */
  missingLastPage: number;
  /** Submitted bids without their rows for reports (priorities, districts, budget lines, outcomes). */
  missingRows: number;
  registerChecks: number;
  /** The stored register checks by status ("found", "unavailable" when a register did not answer in time, ...). */
  registerStatuses: Record<string, number>;
  receipts: number;
  integrity: string;
  /** Audit events written since the rush began, by action: each marks one committed write transaction. */
  auditSince: Record<string, number>;
  /** Rush applicants' sessions whose activity was written back during the rush (one transaction each). */
  sessionTouches: number;
};

/** Reads the database (read-only, beside the running server) and the mail outbox after the rush. */
export function checkRush(dbFile: string, setup: RushSetup, outbox: string, since: Date): RushCheck {
  const db = new Database(dbFile, { readonly: true });
  try {
    const roundId = setup.round.id;
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
    const totals = one<{ n: number; submitted: number; refs: number; minSeq: number; maxSeq: number; seqs: number }>(
      `SELECT count(*) AS n, sum(status = 'submitted') AS submitted, count(DISTINCT reference) AS refs,
              min(round_sequence) AS minSeq, max(round_sequence) AS maxSeq, count(DISTINCT round_sequence) AS seqs
         FROM bids WHERE round_id = ?`,
      roundId,
    );
    const audit = one<{ n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT b.id, (SELECT count(*) FROM audit_events e WHERE e.subject_type = 'bid' AND e.subject_id = CAST(b.id AS TEXT) AND e.action = 'bid.submitted') AS c
           FROM bids b WHERE b.round_id = ?) WHERE c <> 1`,
      roundId,
    );
    const missingLastPage = one<{ n: number }>(
      `SELECT count(*) AS n FROM bids WHERE round_id = ? AND status = 'submitted'
          AND (json_extract(submitted, '$.typed.${setup.lastSection}.hasPolicy') IS NOT 'yes' OR json_extract(answers, '$.${setup.lastSection}.leadName') IS NULL)`,
      roundId,
    );
    const missingRows = one<{ n: number }>(
      `SELECT count(*) AS n FROM bids b WHERE b.round_id = ? AND b.status = 'submitted' AND (
          NOT EXISTS (SELECT 1 FROM bid_priorities x WHERE x.bid_id = b.id) OR NOT EXISTS (SELECT 1 FROM bid_districts x WHERE x.bid_id = b.id)
          OR NOT EXISTS (SELECT 1 FROM bid_budget_lines x WHERE x.bid_id = b.id) OR NOT EXISTS (SELECT 1 FROM bid_outcomes x WHERE x.bid_id = b.id))`,
      roundId,
    );
    const registerChecks = one<{ n: number }>(
      `SELECT count(*) AS n FROM register_checks WHERE organisation_id IN (SELECT organisation_id FROM bids WHERE round_id = ?)`,
      roundId,
    );
    const registerStatuses = Object.fromEntries(
      (
        db
          .prepare("SELECT status, count(*) AS n FROM register_checks WHERE organisation_id IN (SELECT organisation_id FROM bids WHERE round_id = ?) GROUP BY status ORDER BY status")
          .all(roundId) as { status: string; n: number }[]
      ).map((r) => [r.status, r.n]),
    );
    const auditSince = Object.fromEntries(
      (db.prepare("SELECT action, count(*) AS n FROM audit_events WHERE at >= ? GROUP BY action ORDER BY action").all(since.getTime()) as { action: string; n: number }[]).map((r) => [r.action, r.n]),
    );
    const sessionTouches = one<{ n: number }>(
      `SELECT count(*) AS n FROM sessions WHERE last_seen_at >= ? AND user_id IN (SELECT created_by FROM bids WHERE round_id = ?)`,
      since.getTime(),
      roundId,
    ).n;
    const integrity = one<{ quick_check: string }>("PRAGMA quick_check").quick_check;
    const receipts = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")).length : 0;
    return {
      bidsInRound: totals.n,
      submitted: totals.submitted ?? 0,
      distinctReferences: totals.refs,
      sequencesContiguous: totals.minSeq === 1 && totals.maxSeq === totals.submitted && totals.seqs === totals.submitted,
      auditMismatches: audit.n,
      missingLastPage: missingLastPage.n,
      missingRows: missingRows.n,
      registerChecks: registerChecks.n,
      registerStatuses,
      receipts,
      integrity,
      auditSince,
      sessionTouches,
    };
  } finally {
    db.close();
  }
}
