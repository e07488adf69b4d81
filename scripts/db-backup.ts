/**
 * `npm run db:backup [-- DESTINATION]`: a consistent copy of DATABASE_PATH (default
 * data/portal.db), taken while the portal keeps serving. Without DESTINATION the copy goes to
 * `backups/` beside the database as `portal-<UTC time>.db`; DESTINATION may be a file name or an
 * existing folder. The copy is checked (integrity_check, foreign_key_check) before it gets its
 * name, and its row counts are printed so a restore can be compared with them.
 * Uploaded documents (UPLOAD_DIR) are files, not rows: copy that folder too (README).
 */
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "#db/client";
import { backupDatabase, BackupError, defaultBackupPath, formatCounts, timestampedName } from "#db/backup";

const source = databasePath();
const now = new Date();
const argument = process.argv.slice(2).find((a) => !a.startsWith("-"));
let destination = defaultBackupPath(source, now);
if (argument) {
  const asGiven = path.resolve(argument);
  const isFolder = argument.endsWith("/") || (fs.existsSync(asGiven) && fs.statSync(asGiven).isDirectory());
  destination = isFolder ? path.join(asGiven, timestampedName(source, now)) : asGiven;
}

try {
  const report = await backupDatabase(source, destination);
  console.log(`Backed up ${source}`);
  console.log(`       to ${report.destination} (${(report.bytes / 1024).toFixed(0)} KiB, ${report.pages} pages) in ${report.ms} ms.`);
  console.log("Integrity check: ok");
  console.log(`Rows:\n${formatCounts(report.counts)}`);
} catch (error) {
  console.error(error instanceof BackupError ? `Backup failed: ${error.message}` : `Backup failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
