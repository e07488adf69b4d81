/**
 * Removing and restoring a member of staff's access, e.g. when an assessor's term ends or someone
 * leaves the office. The account and everything it did stay (audit, scores, decisions); it simply
 * cannot sign in, and every session it had ends in the same transaction (ASVS 5.0 7.4.2).
 */
import { and, eq, ne } from "drizzle-orm";
import { users } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { recordAudit } from "./audit.server";
import { endAllSessionsForUser } from "./session.server";

export type StaffAccess = { id: number; name: string; email: string; role: string; accessRemovedAt: Date | null };

/** One member of staff for the access page; undefined for applicants and missing people. */
export function findStaffAccess(userId: number): StaffAccess | undefined {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, accessRemovedAt: users.accessRemovedAt })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.role, "applicant")))
    .get();
}

/** Removes (or restores) access; false when there is no such member of staff. */
export function setStaffAccess(adminId: number, userId: number, access: "remove" | "restore", now: Date): boolean {
  return writeTransaction((tx) => {
    const before = tx.select().from(users).where(and(eq(users.id, userId), ne(users.role, "applicant"))).get();
    if (!before) return false;
    const removed = access === "remove";
    if (Boolean(before.accessRemovedAt) === removed) return true;
    tx.update(users).set({ accessRemovedAt: removed ? now : null }).where(eq(users.id, userId)).run();
    if (removed) endAllSessionsForUser(tx, userId);
    recordAudit(tx, {
      at: now,
      actorUserId: adminId,
      action: removed ? "staff.access_removed" : "staff.access_restored",
      subjectType: "user",
      subjectId: userId,
      before: { accessRemovedAt: before.accessRemovedAt?.toISOString() ?? null },
      after: { accessRemovedAt: removed ? now.toISOString() : null },
    });
    return true;
  });
}
