/**
 * `npm run db:restore -- BACKUP`: puts a backup taken by `npm run db:backup` in place as
 * DATABASE_PATH (default data/portal.db).
 *
 * Stop the portal first: the restore refuses while any process has the database open (SQLite's
 * own locks tell), because a server still holding the old file would go on writing to it and those
 * writes would vanish. The backup is checked before anything changes; the swap is one rename; the
 * database it replaces is kept beside it as `<name>.replaced-<UTC time>`.
 */
import { databasePath } from "#db/client";
import { BackupError, formatCounts, restoreDatabase } from "#db/backup";

const backup = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!backup) {
  console.error("Usage: npm run db:restore -- BACKUP_FILE   (restores into DATABASE_PATH, default data/portal.db)");
  process.exit(2);
}

try {
  const report = restoreDatabase(backup, databasePath(), new Date());
  console.log(`Restored ${backup}`);
  console.log(`    into ${report.target} in ${report.ms} ms.`);
  if (report.previous) console.log(`The database it replaced is kept as ${report.previous}.`);
  console.log("Integrity check: ok");
  console.log(`Rows:\n${formatCounts(report.counts)}`);
  console.log("Start the portal again (npm start); it applies any migrations newer than the backup.");
} catch (error) {
  console.error(error instanceof BackupError ? `Restore refused: ${error.message}` : `Restore failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
