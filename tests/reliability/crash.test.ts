/**
 * Nothing lost: the production server is killed with SIGKILL while 200 applicants are submitting
 * at once. Every submission the portal acknowledged (its redirect to the confirmation page) must
 * be there after a restart, whole; every other bid must be a clean draft or a whole submission;
 * numbering must have no duplicates or gaps; and SQLite must find the file sound.
 *
 * SIGKILL ends the process at once (no handler, no flush), so it tests what the process promised;
 * the data it had handed to the kernel survives. Power loss is the job of synchronous=FULL, which
 * start-up insists on (tests/integration/database.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "#db/client";
import { integrityCheck, halfWritten, numberingProblems, openReadOnly, readBids } from "./support/consistency";
import { getPage, postForm } from "./support/http";
import { applicantsWithDrafts, freshFiles, type Applicant } from "./support/people";
import { requireBuild, startPortal, type Portal } from "./support/portal-process";

const SUBMISSIONS = 200;

/**
 * Three kill points. The applicant's view (half have their confirmation) is the one that matters,
 * but the server commits faster than a busy test process reads its answers, so by then most of
 * the batch may be on disk already; two more points are taken from the file itself, so the kill
 * lands while submissions are still being written: early (most to come) and late.
 */
const KILL_POINTS = [
  { when: "acknowledged", count: 100 },
  { when: "committed", count: 30 },
  { when: "committed", count: 150 },
] as const;
type KillPoint = (typeof KILL_POINTS)[number];

type Attempt = { bidId: number; result: "acknowledged" | "no answer" | `answered ${number}` };

/**
 * Posts every submission at once and SIGKILLs the server at the kill point. A 302 that was on its
 * way when the kill landed still counts as acknowledged: the server sent it, the applicant saw it.
 */
async function submitAllAndKill(portal: Portal, databasePath: string, applicants: readonly Applicant[], point: KillPoint) {
  // A read-only look at the file while the server writes (WAL readers never block the writer).
  const watcher = openReadOnly(databasePath);
  const committed = watcher.prepare("SELECT count(*) FROM bids WHERE status = 'submitted' AND id IN (SELECT value FROM json_each(?))").pluck();
  const ids = JSON.stringify(applicants.map((a) => a.bidId));
  const state = { acknowledged: 0, answered: 0, settled: 0 };
  let atKill: { answered: number; committed: number } | undefined;
  let kill: Promise<void> | undefined;
  const killNow = () => {
    if (kill) return;
    atKill = { answered: state.answered, committed: committed.get(ids) as number };
    kill = portal.kill();
  };

  const started = Date.now();
  const posts = Promise.all(
    applicants.map(async (a): Promise<Attempt> => {
      try {
        const answer = await postForm(portal.baseUrl, `/applications/${a.bidId}/check`, a.cookie);
        state.answered++;
        if (answer.status !== 302 || answer.location !== `/applications/${a.bidId}/confirmation`) return { bidId: a.bidId, result: `answered ${answer.status}` };
        state.acknowledged++;
        if (point.when === "acknowledged" && state.acknowledged === point.count) killNow();
        return { bidId: a.bidId, result: "acknowledged" };
      } catch {
        // The connection died with the server: the applicant got no answer.
        return { bidId: a.bidId, result: "no answer" };
      } finally {
        state.settled++;
      }
    }),
  );
  if (point.when === "committed") {
    while (!kill && state.settled < applicants.length) {
      if ((committed.get(ids) as number) >= point.count) killNow();
      else await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const attempts = await posts;
  await kill;
  // Closed before the restart, so the restarted server is the file's first user and recovers the WAL itself.
  watcher.close();
  return { attempts, atKill, ms: Date.now() - started };
}

describe("SIGKILL while 200 submissions are in flight", () => {
  let files: ReturnType<typeof freshFiles>;
  const batches: Applicant[][] = [];

  beforeAll(async () => {
    requireBuild();
    files = freshFiles("crash");
    // One batch of 200 ready drafts per kill point, prepared before any server runs.
    for (const [i] of KILL_POINTS.entries()) batches.push(await applicantsWithDrafts(SUBMISSIONS, `crash${i + 1}`));
    // The test's own connection must not keep the WAL index alive across the crash: the restarted
    // server has to recover the file on its own.
    closeDatabase();
  });

  afterAll(() => {
    closeDatabase();
    files?.remove();
  });

  for (const [i, point] of KILL_POINTS.entries()) {
    it(`loses no acknowledged submission when killed once ${point.count} of ${SUBMISSIONS} are ${point.when}, and leaves no half-written bid`, async () => {
      const batch = batches[i];
      const portal = await startPortal(files);
      const run = await submitAllAndKill(portal, files.databasePath, batch, point);
      expect(run.atKill, "the server was killed mid-flight").toBeDefined();
      expect(portal.child.signalCode).toBe("SIGKILL");
      // Before the kill, every answer was an acknowledgement: no refusals, no errors.
      expect(run.attempts.filter((a) => a.result.startsWith("answered"))).toEqual([]);
      const acknowledged = run.attempts.filter((a) => a.result === "acknowledged").map((a) => a.bidId);
      // Answers still owed when the signal went: the requests that were in flight.
      expect(SUBMISSIONS - run.atKill!.answered).toBeGreaterThan(0);

      // Restart on the same files; the server recovers the WAL itself.
      const restarted = await startPortal(files);
      try {
        const sqlite = openReadOnly(files.databasePath);
        let bids;
        try {
          expect(integrityCheck(sqlite)).toBe("ok");
          expect(sqlite.pragma("foreign_key_check")).toEqual([]);
          bids = readBids(sqlite);
        } finally {
          sqlite.close();
        }
        const mine = new Map(bids.filter((b) => batch.some((a) => a.bidId === b.id)).map((b) => [b.id, b]));
        expect(mine.size).toBe(SUBMISSIONS);

        // Every acknowledged submission is a submitted bid with a reference.
        const lost = acknowledged.filter((id) => mine.get(id)?.status !== "submitted" || !mine.get(id)?.reference);
        expect(lost, "acknowledged submissions missing after the restart").toEqual([]);
        // No bid anywhere in the file is half-written, and numbering has no duplicates or gaps.
        expect(bids.flatMap(halfWritten)).toEqual([]);
        expect(numberingProblems(bids)).toEqual([]);

        // And the applicants see it: each acknowledged one gets their receipt from the restarted portal.
        const receipts = await Promise.all(
          acknowledged.map(async (id) => {
            const page = await getPage(restarted.baseUrl, `/applications/${id}/confirmation`, batch.find((a) => a.bidId === id)!.cookie);
            return page.status === 200 && page.body.includes(mine.get(id)!.reference!);
          }),
        );
        expect(receipts.filter((shown) => !shown).length, "receipts the restarted portal could not show").toBe(0);

        const submitted = [...mine.values()].filter((b) => b.status === "submitted").length;
        // The figures docs/reliability.md reports.
        console.log(
          `[crash] killed once ${point.count} ${point.when}: at the signal ${run.atKill!.answered} answers read and ${run.atKill!.committed} submissions on disk; ` +
            `${acknowledged.length} acknowledged in all (answers already sent count), ${run.attempts.filter((a) => a.result === "no answer").length} never answered; ` +
            `after restart ${submitted} submitted (${submitted - acknowledged.length} committed but never acknowledged), ${SUBMISSIONS - submitted} still clean drafts; ${run.ms} ms first post to last answer`,
        );
        expect(restarted.output()).not.toMatch(/SQLITE_|Error:/);
      } finally {
        await restarted.stop();
      }
    });
  }
});
