/**
 * Online backups and atomic restores of the one SQLite file (scripts/db-backup.ts and
 * scripts/db-restore.ts are the command-line edges; docs/decisions/013-backup-restore.md says why).
 *
 * A backup goes through SQLite's online backup API in a single step, so it copies one read
 * transaction's snapshot: in WAL mode that never blocks the portal's writers, and no write that
 * lands meanwhile can restart or tear it. A copy is only given its final name after it has passed
 * `integrity_check` and `foreign_key_check`, so a file under that name is always whole.
 *
 * A restore refuses while any other process has the target open (SQLite's own file locks say so,
 * and they vanish with the process that held them, so there is no stale lock to clear), checks the
 * copy it is about to put in place, then swaps it in with one rename.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BackupError extends Error {}

/** Row counts of every table, by name: what a backup and its restore must agree on. */
export type RowCounts = Record<string, number>;

/** Larger than any database's page count: the whole copy happens in one backup step. */
const ALL_PAGES = 0x7fffffff;
/** How long the in-use probe waits for a lock before deciding someone else holds it. */
const PROBE_WAIT_MS = 1_000;

export function tableRowCounts(sqlite: Database.Database): RowCounts {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]));
}

/** Everything `integrity_check` and `foreign_key_check` find wrong; empty when the file is sound. */
export function integrityProblems(sqlite: Database.Database): string[] {
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).filter((line) => line !== "ok");
  const foreignKeys = (sqlite.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[]).map((r) => `${r.table} row ${r.rowid} points at a missing ${r.parent} row`);
  return [...integrity, ...foreignKeys];
}

/**
 * Checks a copy this module has just made. It is opened read-write only so that closing it removes
 * the -wal and -shm files SQLite makes beside a WAL-mode file; nothing here writes to it. A file
 * SQLite cannot read at all (truncated, not a database) is a problem found, not a crash.
 */
function inspect(file: string): { counts: RowCounts; problems: string[]; portal: boolean } {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    const problems = integrityProblems(sqlite);
    const counts = problems.length === 0 ? tableRowCounts(sqlite) : {};
    return { counts, problems, portal: "__drizzle_migrations" in counts && "bids" in counts };
  } catch (error) {
    return { counts: {}, problems: [`SQLite cannot read it: ${error instanceof Error ? error.message : String(error)}`], portal: false };
  } finally {
    sqlite?.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rename is only durable once the directory that holds the name is synced. */
function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeSidecars(file: string): void {
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** `20260301T101500Z`: UTC, sorts by time, safe in a file name. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** `portal-20260301T101500Z.db` for `portal.db`. */
export function timestampedName(databaseFile: string, now: Date): string {
  return `${path.basename(databaseFile, path.extname(databaseFile))}-${timestamp(now)}.db`;
}

/** Where `npm run db:backup` writes without an argument: `backups/` beside the database. */
export function defaultBackupPath(databaseFile: string, now: Date): string {
  return path.join(path.dirname(databaseFile), "backups", timestampedName(databaseFile, now));
}

export type BackupReport = { destination: string; bytes: number; pages: number; ms: number; counts: RowCounts };

/**
 * Copies `source` (which may be in use) to `destination`, which must not exist yet. The copy is
 * written under a `.partial` name, checked, synced, and only then renamed into place.
 */
export async function backupDatabase(source: string, destination: string): Promise<BackupReport> {
  const started = Date.now();
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (fs.existsSync(destination)) throw new BackupError(`${destination} already exists; choose another name (backups are never overwritten).`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });

  // Read-only: taking a backup can never change the live database, not even by checkpointing it.
  const live = new Database(source, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    live.pragma("busy_timeout = 5000");
    const done = await live.backup(partial, { progress: () => ALL_PAGES });
    pages = done.totalPages;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    live.close();
  }

  const checked = inspect(partial);
  removeSidecars(partial);
  if (checked.problems.length > 0) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The copy failed its integrity check, so it was not kept:\n${checked.problems.join("\n")}`);
  }
  fsyncFile(partial);
  fs.renameSync(partial, destination);
  fsyncDirectory(path.dirname(destination));
  return { destination, bytes: fs.statSync(destination).size, pages, ms: Date.now() - started, counts: checked.counts };
}

/**
 * True when another process has `file` open. Every SQLite connection to a WAL database holds a
 * shared lock for as long as it is open, so an exclusive lock is refused while the portal (or a
 * sqlite3 shell, or a backup) has it. When the lock is granted, the WAL is folded into the main
 * file before letting go, so the file on its own is the whole database.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma(`busy_timeout = ${PROBE_WAIT_MS}`);
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.exec("COMMIT");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    sqlite.close();
  }
}

export type RestoreReport = { target: string; previous: string | null; counts: RowCounts; ms: number };

/**
 * Puts the backup at `backupFile` in place as `target`. Refuses while anything has `target` open.
 * The database being replaced is kept beside it as `<name>.replaced-<time>` (a hard link, so it
 * costs no space until one of them changes). Nothing in `target` changes unless every check passes.
 */
export function restoreDatabase(backupFile: string, target: string, now: Date): RestoreReport {
  const started = Date.now();
  const from = path.resolve(backupFile);
  const to = path.resolve(target);
  if (from === to) throw new BackupError("The backup and the database to restore into are the same file.");
  if (!fs.existsSync(from)) throw new BackupError(`There is no backup at ${from}.`);
  // A WAL beside the file holds commits the file alone lacks (left by whatever last opened it).
  // Fold them in first, unless something has it open: then it is a live database, not a backup.
  if (fs.existsSync(`${from}-wal`) && databaseInUse(from)) {
    throw new BackupError(`${from} is open in another process, so it is a live database, not a backup. Take a backup of it with npm run db:backup.`);
  }
  const dir = path.dirname(to);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(to)}.restoring-${process.pid}`);
  fs.rmSync(temp, { force: true });
  try {
    fs.copyFileSync(from, temp);
    // Check the bytes that will be put in place, not the file they came from.
    const checked = inspect(temp);
    removeSidecars(temp);
    if (checked.problems.length > 0) throw new BackupError(`The backup failed its integrity check; nothing was restored:\n${checked.problems.join("\n")}`);
    if (!checked.portal) throw new BackupError(`${from} is not a backup of this portal's database (it has no bids table or migration history); nothing was restored.`);
    fsyncFile(temp);

    // As late as possible, so a portal started while the copy was checked is caught too.
    if (databaseInUse(to)) throw new BackupError(`${to} is open in another process: stop the portal (and anything else using the database) before restoring.`);
    let previous: string | null = null;
    if (fs.existsSync(to)) {
      previous = `${to}.replaced-${timestamp(now)}`;
      try {
        fs.linkSync(to, previous);
      } catch {
        fs.copyFileSync(to, previous);
        fsyncFile(previous);
      }
    }
    // A WAL left over from the old file would be replayed into the new one: it must go first.
    removeSidecars(to);
    fs.renameSync(temp, to);
    fsyncDirectory(dir);
    return { target: to, previous, counts: checked.counts, ms: Date.now() - started };
  } finally {
    fs.rmSync(temp, { force: true });
    removeSidecars(temp);
  }
}

/** The counts as aligned lines, for the scripts to print. */
export function formatCounts(counts: RowCounts): string {
  const width = Math.max(...Object.keys(counts).map((name) => name.length));
  return Object.entries(counts)
    .map(([name, rows]) => `  ${name.padEnd(width)}  ${rows}`)
    .join("\n");
}
