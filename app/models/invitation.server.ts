/**
 * Staff join by invitation: an admin names the person and their role, the portal e-mails a
 * single-use link valid for 7 days, and the person chooses their own password.
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { staffInvitations } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import type { Role } from "~/domain/accounts/roles";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { EmailTakenError, findUserByEmail, insertUser, type User } from "./user.server";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function createInvitation(actorId: number, input: { name: string; email: string; role: Exclude<Role, "applicant"> }, now: Date): string {
  if (findUserByEmail(input.email)) throw new EmailTakenError();
  const token = newToken();
  writeTransaction((tx) => {
    tx.insert(staffInvitations)
      .values({ ...input, tokenHash: hashToken(token), invitedBy: actorId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS) })
      .run();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "staff.invited", subjectType: "invitation", subjectId: input.email, after: { name: input.name, email: input.email, role: input.role } });
  });
  return token;
}

export function findUsableInvitation(token: string, now: Date) {
  return getDb()
    .select({ email: staffInvitations.email, name: staffInvitations.name, role: staffInvitations.role })
    .from(staffInvitations)
    .where(and(eq(staffInvitations.tokenHash, hashToken(token)), isNull(staffInvitations.acceptedAt), gt(staffInvitations.expiresAt, now)))
    .get();
}

export function listPendingInvitations(now: Date) {
  return getDb()
    .select({ email: staffInvitations.email, name: staffInvitations.name, role: staffInvitations.role, expiresAt: staffInvitations.expiresAt })
    .from(staffInvitations)
    .where(and(isNull(staffInvitations.acceptedAt), gt(staffInvitations.expiresAt, now)))
    .orderBy(desc(staffInvitations.createdAt))
    .all();
}

/** Turns the invitation into an account with the invited role. Null when the link is spent or expired. */
export function acceptInvitation(token: string, passwordHash: string, now: Date): User | null {
  return writeTransaction((tx) => {
    const invitation = tx
      .select()
      .from(staffInvitations)
      .where(and(eq(staffInvitations.tokenHash, hashToken(token)), isNull(staffInvitations.acceptedAt), gt(staffInvitations.expiresAt, now)))
      .get();
    if (!invitation) return null;
    if (findUserByEmail(invitation.email)) throw new EmailTakenError();
    tx.update(staffInvitations).set({ acceptedAt: now }).where(eq(staffInvitations.tokenHash, invitation.tokenHash)).run();
    const user = insertUser(tx, { email: invitation.email, name: invitation.name, role: invitation.role, passwordHash }, now);
    recordAudit(tx, { at: now, actorUserId: user.id, action: "staff.invitation_accepted", subjectType: "user", subjectId: user.id, after: { email: user.email, role: user.role, invitedBy: invitation.invitedBy } });
    return user;
  });
}
