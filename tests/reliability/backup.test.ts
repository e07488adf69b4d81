/**
 * `npm run db:backup` while applicants are saving and submitting over several connections, then
 * `npm run db:restore` into a fresh place: the copy is one consistent moment (every row count the
 * backup printed is what the restore has, and no submission or save is half in it), the restore
 * refuses while the portal is serving or when the backup is damaged, and the restored file boots
 * the portal.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "#db/client";
import { tableRowCounts } from "#db/backup";
import { halfWritten, integrityCheck, numberingProblems, openReadOnly, readBids, type BidOnDisk } from "./support/consistency";
import { getPage, postForm } from "./support/http";
import { applicantsWithDrafts, freshFiles, type Applicant } from "./support/people";
import { portalEnv, printedCounts, requireBuild, runNpmScript, startPortal, type Portal, type PortalFiles } from "./support/portal-process";

const APPLICANTS = 240;
const CONNECTIONS = 6;
/** Each applicant changes their project page this many times, then submits. */
const SAVES_EACH = 4;

type LoadStats = { saves: number; submissions: number; refusals: string[] };

/**
 * CONNECTIONS applicants at a time, each saving their project page with a new title and then
 * submitting, until stopped. Every answer must be the portal's "done" redirect.
 */
function startLoad(portal: Portal, applicants: readonly Applicant[]) {
  const stats: LoadStats = { saves: 0, submissions: 0, refusals: [] };
  let stopping = false;
  let next = 0;
  const worker = async () => {
    while (!stopping && next < applicants.length) {
      const a = applicants[next++];
      for (let n = 1; n <= SAVES_EACH && !stopping; n++) {
        const saved = await postForm(portal.baseUrl, `/applications/${a.bidId}/project`, a.cookie, { title: `Youth boxing nights, version ${n}`, summary: `Twice-weekly sessions with mentoring (version ${n}).` });
        if (saved.status === 302 && saved.location === `/applications/${a.bidId}`) stats.saves++;
        else stats.refusals.push(`save ${a.bidId}: ${saved.status}`);
      }
      if (stopping) break;
      const submitted = await postForm(portal.baseUrl, `/applications/${a.bidId}/check`, a.cookie);
      if (submitted.status === 302 && submitted.location === `/applications/${a.bidId}/confirmation`) stats.submissions++;
      else stats.refusals.push(`submit ${a.bidId}: ${submitted.status}`);
    }
  };
  const running = Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return {
    stats,
    /** Waits until `done()` holds; fails if the applicants run out first (the load must outlast the backup). */
    async until(done: () => boolean) {
      while (!done()) {
        if (next >= applicants.length) throw new Error("the load ran out of applicants before the backup finished; raise APPLICANTS");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      stopping = true;
      await running;
      return stats;
    },
  };
}

function countsOf(file: string) {
  const sqlite = openReadOnly(file);
  try {
    return { integrity: integrityCheck(sqlite), counts: tableRowCounts(sqlite), bids: readBids(sqlite), audits: latestProjectSaves(sqlite) };
  } finally {
    sqlite.close();
  }
}

/** The project page as the latest `bid.section_saved` audit event for it says it was saved. */
function latestProjectSaves(sqlite: ReturnType<typeof openReadOnly>): Map<number, unknown> {
  const rows = sqlite.prepare("SELECT subject_id AS bidId, after FROM audit_events WHERE action = 'bid.section_saved' ORDER BY id").all() as { bidId: string; after: string }[];
  const latest = new Map<number, unknown>();
  for (const r of rows) {
    const after = JSON.parse(r.after) as Record<string, unknown>;
    if ("project" in after) latest.set(Number(r.bidId), after.project);
  }
  return latest;
}

/** A save caught half-way would show a bid whose project page and latest audit event disagree. */
function savesOutOfStep(bids: readonly BidOnDisk[], latest: Map<number, unknown>): number[] {
  return bids.filter((b) => JSON.stringify((b.snapshot?.typed ?? b.answers).project) !== JSON.stringify(latest.get(b.id))).map((b) => b.id);
}

describe("backup under load, and restore", () => {
  let files: ReturnType<typeof freshFiles>;
  let applicants: Applicant[];
  let backupFile: string;
  let backupCounts: Record<string, number>;
  let restoredFiles: PortalFiles;

  beforeAll(async () => {
    requireBuild();
    files = freshFiles("backup");
    applicants = await applicantsWithDrafts(APPLICANTS, "backup");
    closeDatabase();
    backupFile = path.join(files.dir, "backups", "under-load.db");
    restoredFiles = { dir: path.join(files.dir, "restored"), databasePath: path.join(files.dir, "restored", "portal.db") };
  });

  afterAll(() => {
    closeDatabase();
    files?.remove();
  });

  it("takes a consistent copy while applicants save and submit, and refuses to restore over the running portal", async () => {
    const portal = await startPortal(files);
    try {
      const load = startLoad(portal, applicants);
      await load.until(() => load.stats.submissions >= 10);
      const atStart = { ...load.stats };
      const backup = await runNpmScript("db:backup", [backupFile], portalEnv(files));
      const atEnd = { ...load.stats };
      // The portal kept writing after the copy was made, so the copy is of a moment under load.
      await load.until(() => load.stats.submissions >= atEnd.submissions + 5);
      const stats = await load.stop();

      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain("Integrity check: ok");
      expect(stats.refusals).toEqual([]);
      backupCounts = printedCounts(backup.stdout);
      expect(Object.keys(backupCounts)).toEqual(expect.arrayContaining(["bids", "audit_events", "bid_priorities", "sessions", "__drizzle_migrations"]));

      // The file is what the script said it was, and sound.
      const copy = countsOf(backupFile);
      expect(copy.integrity).toBe("ok");
      expect(copy.counts).toEqual(backupCounts);
      // One moment: no submission and no save is half in it.
      expect(copy.bids.flatMap(halfWritten)).toEqual([]);
      expect(numberingProblems(copy.bids)).toEqual([]);
      expect(savesOutOfStep(copy.bids, copy.audits)).toEqual([]);
      const submittedInCopy = copy.bids.filter((b) => b.status === "submitted").length;
      // Acknowledged before the backup began <= in the copy <= acknowledged by its end, plus the
      // one submission per connection that may have been committed but not yet answered.
      expect(submittedInCopy).toBeGreaterThanOrEqual(atStart.submissions);
      expect(submittedInCopy).toBeLessThanOrEqual(atEnd.submissions + CONNECTIONS);

      // The live database went on past the copy.
      const live = countsOf(files.databasePath);
      expect(live.bids.filter((b) => b.status === "submitted").length).toBe(stats.submissions);
      expect(live.counts.audit_events).toBeGreaterThan(backupCounts.audit_events);

      // A restore while the portal is serving is refused, and changes nothing.
      const refused = await runNpmScript("db:restore", [backupFile], portalEnv(files));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/open in another process: stop the portal/);
      expect(fs.readdirSync(files.dir).filter((f) => f.includes(".replaced-") || f.includes(".restoring-"))).toEqual([]);
      expect((await fetch(`${portal.baseUrl}/healthcheck`)).status).toBe(200);

      console.log(
        `[backup] ${CONNECTIONS} connections: ${stats.saves} saves and ${stats.submissions} submissions acknowledged in all; ` +
          `npm run db:backup took ${backup.ms} ms as a process, the copy itself ${/ in (\d+) ms\./.exec(backup.stdout)?.[1]} ms ` +
          `(${atEnd.submissions - atStart.submissions} submissions and ${atEnd.saves - atStart.saves} saves acknowledged meanwhile); ` +
          `copy holds ${submittedInCopy} submitted bids and ${backupCounts.audit_events} audit events, the live file ended with ${live.counts.audit_events}`,
      );
    } finally {
      await portal.stop();
    }
  });

  it("restores the backup into a fresh place with every row count equal, and the portal boots on it", async () => {
    const restore = await runNpmScript("db:restore", [backupFile], portalEnv(restoredFiles));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(printedCounts(restore.stdout)).toEqual(backupCounts);

    // One file, no WAL beside it and no temporary copy left over.
    expect(fs.readdirSync(restoredFiles.dir).sort()).toEqual(["portal.db"]);
    const restored = countsOf(restoredFiles.databasePath);
    expect(restored.integrity).toBe("ok");
    expect(restored.counts).toEqual(backupCounts);

    const portal = await startPortal(restoredFiles);
    try {
      expect((await fetch(`${portal.baseUrl}/healthcheck`)).status).toBe(200);
      // An applicant whose submission is in the backup gets their receipt from the restored portal.
      const bid = restored.bids.find((b) => b.status === "submitted")!;
      const receipt = await getPage(portal.baseUrl, `/applications/${bid.id}/confirmation`, applicants.find((a) => a.bidId === bid.id)!.cookie);
      expect(receipt.status).toBe(200);
      expect(receipt.body).toContain(bid.reference!);
    } finally {
      await portal.stop();
    }
  });

  it("refuses a damaged backup and leaves the database as it was", async () => {
    const damaged = path.join(files.dir, "backups", "damaged.db");
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const snapshot = () => Object.fromEntries(fs.readdirSync(restoredFiles.dir).map((f) => [f, fs.readFileSync(path.join(restoredFiles.dir, f)).toString("base64")]));
    const before = snapshot();

    const restore = await runNpmScript("db:restore", [damaged], portalEnv(restoredFiles));
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/Restore refused: The backup failed its integrity check; nothing was restored/);
    // Byte for byte, the database and its WAL are as they were, and nothing was added beside them.
    expect(snapshot()).toEqual(before);
  });

  it("restores over a stopped portal's database, keeping the one it replaced beside it", async () => {
    const liveBefore = countsOf(files.databasePath).counts;
    const restore = await runNpmScript("db:restore", [backupFile], portalEnv(files));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    // No WAL of the old file is left to be replayed into the new one.
    expect(fs.existsSync(`${files.databasePath}-wal`)).toBe(false);
    expect(countsOf(files.databasePath).counts).toEqual(backupCounts);
    const kept = fs.readdirSync(files.dir).filter((f) => f.startsWith("portal.db.replaced-"));
    expect(kept).toHaveLength(1);
    expect(restore.stdout).toContain(kept[0]);
    expect(countsOf(path.join(files.dir, kept[0])).counts).toEqual(liveBefore);
  });
});
