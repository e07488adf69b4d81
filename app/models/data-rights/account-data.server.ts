/**
 * The account side of a personal data download: the person's own record, sessions, sign-in
 * attempts, reset requests, recovery codes, invitations, and the organisations they act for or
 * that name them as their contact. Secrets (password hash, authenticator secret, token and code
 * hashes) are never selected, so they cannot leak into the file by accident.
 */
import { and, asc, count, eq, isNotNull, sql, type SQLWrapper } from "drizzle-orm";
import {
  memberships,
  organisationInvitations,
  organisationProfiles,
  organisations,
  passwordResets,
  recoveryCodes,
  sessions,
  signInAttempts,
  staffInvitations,
  users,
} from "#db/schema";
import { getDb } from "#db/client";

export type Subject = { email: string; userId: number | null };

/** E-mail addresses are compared without case: some were stored as typed. */
export const sameEmail = (column: SQLWrapper, email: string) => sql`lower(${column}) = ${email.toLowerCase()}`;

export function accountRecord(userId: number) {
  const row = getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      passwordChangedAt: users.passwordChangedAt,
      twoFactorConfirmedAt: users.totpConfirmedAt,
      anonymisedAt: users.anonymisedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  const { twoFactorConfirmedAt, ...rest } = row;
  return { ...rest, twoFactorSignIn: twoFactorConfirmedAt ? { setUpAt: twoFactorConfirmedAt } : null };
}

export function sessionRecords(userId: number) {
  return getDb()
    .select({ startedAt: sessions.createdAt, lastUsedAt: sessions.lastSeenAt, endsAt: sessions.expiresAt, secondFactorAt: sessions.secondFactorAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(sessions.createdAt))
    .all();
}

export function signInAttemptRecords(email: string) {
  return getDb().select({ at: signInAttempts.at, succeeded: signInAttempts.succeeded }).from(signInAttempts).where(sameEmail(signInAttempts.email, email)).orderBy(asc(signInAttempts.at)).all();
}

export function passwordResetRecords(userId: number) {
  return getDb()
    .select({ requestedAt: passwordResets.createdAt, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
    .from(passwordResets)
    .where(eq(passwordResets.userId, userId))
    .orderBy(asc(passwordResets.createdAt))
    .all();
}

export function recoveryCodeRecords(userId: number) {
  const db = getDb();
  const made = db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId)).get()?.n ?? 0;
  if (made === 0) return null;
  const used = db.select({ usedAt: recoveryCodes.usedAt }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNotNull(recoveryCodes.usedAt))).orderBy(asc(recoveryCodes.usedAt)).all();
  return { codesMade: made, usedAt: used.map((u) => u.usedAt) };
}

export function invitationRecords(subject: Subject) {
  const db = getDb();
  const staffTo = db
    .select({ name: staffInvitations.name, email: staffInvitations.email, role: staffInvitations.role, sentAt: staffInvitations.createdAt, expiresAt: staffInvitations.expiresAt, acceptedAt: staffInvitations.acceptedAt })
    .from(staffInvitations)
    .where(sameEmail(staffInvitations.email, subject.email))
    .all();
  const organisationTo = db
    .select({ organisation: organisations.name, email: organisationInvitations.email, sentAt: organisationInvitations.createdAt, expiresAt: organisationInvitations.expiresAt, acceptedAt: organisationInvitations.acceptedAt })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(sameEmail(organisationInvitations.email, subject.email))
    .all();
  if (subject.userId === null) return { toYou: { staff: staffTo, organisation: organisationTo }, byYou: { staff: [], organisation: [] } };
  // A member of staff you invited is someone else: their role and the dates stay, their name and address go.
  const staffBy = db
    .select({ role: staffInvitations.role, sentAt: staffInvitations.createdAt, acceptedAt: staffInvitations.acceptedAt })
    .from(staffInvitations)
    .where(eq(staffInvitations.invitedBy, subject.userId))
    .all();
  // Someone you invited to your own organisation is shown as the members page shows them to you.
  const organisationBy = db
    .select({ organisation: organisations.name, email: organisationInvitations.email, sentAt: organisationInvitations.createdAt, acceptedAt: organisationInvitations.acceptedAt })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.invitedBy, subject.userId))
    .all();
  return { toYou: { staff: staffTo, organisation: organisationTo }, byYou: { staff: staffBy, organisation: organisationBy } };
}

const profileColumns = {
  type: organisationProfiles.type,
  charityNumber: organisationProfiles.charityNumber,
  companyNumber: organisationProfiles.companyNumber,
  addressLine1: organisationProfiles.addressLine1,
  addressLine2: organisationProfiles.addressLine2,
  town: organisationProfiles.town,
  postcode: organisationProfiles.postcode,
  annualIncomePence: organisationProfiles.annualIncomePence,
  contactName: organisationProfiles.contactName,
  contactEmail: organisationProfiles.contactEmail,
  contactPhone: organisationProfiles.contactPhone,
  updatedAt: organisationProfiles.updatedAt,
};

export function organisationRecords(userId: number) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, joinedAt: memberships.createdAt, profile: profileColumns })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(organisationProfiles, eq(organisationProfiles.organisationId, organisations.id))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name))
    .all()
    .map((o) => ({ ...o, profile: o.profile?.updatedAt ? o.profile : null }));
}

/** Profiles giving this email address as the contact (the person may have no account at all). */
export function contactRecords(email: string) {
  return getDb()
    .select({
      organisationId: organisations.id,
      organisation: organisations.name,
      contactName: organisationProfiles.contactName,
      contactEmail: organisationProfiles.contactEmail,
      contactPhone: organisationProfiles.contactPhone,
      updatedAt: organisationProfiles.updatedAt,
    })
    .from(organisationProfiles)
    .innerJoin(organisations, eq(organisations.id, organisationProfiles.organisationId))
    .where(sameEmail(organisationProfiles.contactEmail, email))
    .orderBy(asc(organisations.name))
    .all();
}

/** The ids of the organisations the person acts for, for scoping the other parts. */
export function organisationIdsOf(userId: number | null): number[] {
  if (userId === null) return [];
  return getDb().select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId)).all().map((m) => m.id);
}
