import { getSqlite } from "#db/client";

/** True when the database answers a trivial query. */
export function databaseAnswers(): boolean {
  try {
    getSqlite().prepare("SELECT 1").get();
    return true;
  } catch {
    return false;
  }
}
