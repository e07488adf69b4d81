/**
 * `npm run retention`: anonymises every unsuccessful bid whose retention period has passed (the
 * period is the admin's setting, default 24 months), a batch per transaction, and says what it did.
 * Safe to run as often as you like (e.g. daily from cron): a bid is anonymised once, and a run with
 * nothing due changes nothing. Recorded in the audit trail as done by the system.
 */
import { closeDatabase, databasePath } from "#db/client";
import { anonymiseDueBids } from "~/models/data-rights/retention.server";
import { now } from "~/utils/clock.server";

try {
  const run = await anonymiseDueBids({ now: now(), actorUserId: null });
  console.log(
    `Retention (${run.months} months, before ${run.cutoff.toISOString()}) on ${databasePath()}: ` +
      `${run.anonymised} unsuccessful bid${run.anonymised === 1 ? "" : "s"} anonymised, ${run.documentsDeleted} document${run.documentsDeleted === 1 ? "" : "s"} deleted, ${run.remaining} still due.`,
  );
} finally {
  closeDatabase();
}
