/**
 * More people acting for one organisation: a member invites someone by e-mail; the link lets them
 * join with the account they have (so a person can belong to several organisations) or make one.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { memberships, organisationInvitations, organisations } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { findUserByEmail, insertUser, type User } from "./user.server";

export const MEMBER_INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export class AlreadyMemberError extends Error {}

export function inviteMember(organisationId: number, invitedBy: number, email: string, now: Date): string {
  const existing = findUserByEmail(email);
  if (existing && getDb().select().from(memberships).where(and(eq(memberships.userId, existing.id), eq(memberships.organisationId, organisationId))).get()) {
    throw new AlreadyMemberError();
  }
  const token = newToken();
  writeTransaction((tx) => {
    tx.insert(organisationInvitations)
      .values({ tokenHash: hashToken(token), organisationId, email, invitedBy, createdAt: now, expiresAt: new Date(now.getTime() + MEMBER_INVITATION_LIFETIME_MS) })
      .run();
    recordAudit(tx, { at: now, actorUserId: invitedBy, action: "organisation.member_invited", subjectType: "organisation", subjectId: organisationId, after: { email } });
  });
  return token;
}

export function findMemberInvitation(token: string, now: Date) {
  return getDb()
    .select({ email: organisationInvitations.email, organisationId: organisations.id, organisationName: organisations.name })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(and(eq(organisationInvitations.tokenHash, hashToken(token)), isNull(organisationInvitations.acceptedAt), gt(organisationInvitations.expiresAt, now)))
    .get();
}

/**
 * Uses the invitation once. `user` is the signed-in applicant whose e-mail it was sent to, or, for
 * someone new, the details of the account to create. Null when the link is spent or not theirs.
 */
export function acceptMemberInvitation(
  token: string,
  who: { user: User } | { name: string; passwordHash: string },
  now: Date,
): { user: User; organisationId: number } | null {
  return writeTransaction((tx) => {
    const invitation = tx
      .select()
      .from(organisationInvitations)
      .where(and(eq(organisationInvitations.tokenHash, hashToken(token)), isNull(organisationInvitations.acceptedAt), gt(organisationInvitations.expiresAt, now)))
      .get();
    if (!invitation) return null;
    let user: User;
    if ("user" in who) {
      if (who.user.email !== invitation.email || who.user.role !== "applicant") return null;
      user = who.user;
    } else {
      if (findUserByEmail(invitation.email)) return null;
      user = insertUser(tx, { email: invitation.email, name: who.name, passwordHash: who.passwordHash, role: "applicant" }, now);
    }
    tx.update(organisationInvitations).set({ acceptedAt: now }).where(eq(organisationInvitations.tokenHash, invitation.tokenHash)).run();
    tx.insert(memberships).values({ userId: user.id, organisationId: invitation.organisationId, createdAt: now }).onConflictDoNothing().run();
    recordAudit(tx, { at: now, actorUserId: user.id, action: "organisation.member_joined", subjectType: "organisation", subjectId: invitation.organisationId, after: { userId: user.id, email: user.email } });
    return { user, organisationId: invitation.organisationId };
  });
}
