/** People with accounts, and the organisations applicants belong to. */
import { and, asc, eq, ne } from "drizzle-orm";
import { memberships, organisations, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import type { Role } from "~/domain/accounts/roles";
import { recordAudit } from "./audit.server";
import { endAllSessionsForUser } from "./session.server";

export type User = typeof users.$inferSelect;

/** What may be shown about a person: never the password hash. */
export function publicUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

export function findUserByEmail(email: string): User | undefined {
  return getDb().select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function findUserById(id: number): User | undefined {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email address already exists");
  }
}

/** Sign-up: the person, their organisation and the membership, with one audit event, in one commit. */
export function createApplicantWithOrganisation(
  input: { name: string; email: string; passwordHash: string; organisationName: string },
  now: Date,
): { user: User; organisationId: number } {
  return writeTransaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new EmailTakenError();
    }
    const user = tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash: input.passwordHash, role: "applicant", createdAt: now })
      .returning()
      .get();
    const organisation = tx
      .insert(organisations)
      .values({ name: input.organisationName, createdAt: now })
      .returning()
      .get();
    tx.insert(memberships).values({ userId: user.id, organisationId: organisation.id, createdAt: now }).run();
    recordAudit(tx, {
      at: now,
      actorUserId: user.id,
      action: "account.signed_up",
      subjectType: "user",
      subjectId: user.id,
      after: { email: user.email, role: user.role, organisationId: organisation.id, organisationName: organisation.name },
    });
    return { user, organisationId: organisation.id };
  });
}

/** Inserts a user of any role; used by invitations and the demo seed. */
export function insertUser(
  tx: WriteTx,
  input: { name: string; email: string; passwordHash: string; role: Role },
  now: Date,
): User {
  return tx.insert(users).values({ ...input, createdAt: now }).returning().get();
}

/** A person changing their own password while signed in. */
export function changeOwnPassword(userId: number, passwordHash: string, now: Date): void {
  writeTransaction((tx) => changePassword(tx, userId, passwordHash, now, "account.password_changed"));
}

/** Replaces the password and ends every session of that person (the caller makes a new one). */
export function changePassword(tx: WriteTx, userId: number, passwordHash: string, now: Date, action: string): void {
  tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId)).run();
  endAllSessionsForUser(tx, userId);
  recordAudit(tx, { at: now, actorUserId: userId, action, subjectType: "user", subjectId: userId });
}

export function listStaff() {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, accessRemovedAt: users.accessRemovedAt })
    .from(users)
    .where(ne(users.role, "applicant"))
    .orderBy(asc(users.name))
    .all();
}

export function setStaffRole(actorId: number, userId: number, role: Exclude<Role, "applicant">, now: Date): boolean {
  return writeTransaction((tx) => {
    const before = tx.select().from(users).where(and(eq(users.id, userId), ne(users.role, "applicant"))).get();
    if (!before) return false;
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    // A change of role changes what the person may see: make them sign in again.
    endAllSessionsForUser(tx, userId);
    recordAudit(tx, {
      at: now,
      actorUserId: actorId,
      action: "staff.role_changed",
      subjectType: "user",
      subjectId: userId,
      before: { role: before.role },
      after: { role },
    });
    return true;
  });
}

/** The organisations a person belongs to: the root of every applicant's object-level check. */
export function listOrganisationsForUser(userId: number) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name))
    .all();
}

/**
 * One organisation, only if the person belongs to it. Another organisation's record and a missing
 * one look the same (undefined, answered as 404).
 */
export function getOrganisationForMember(organisationId: number, userId: number) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
    .get();
}

/** Staff may look at any organisation; the route decides who counts as staff. */
export function getOrganisationForStaff(organisationId: number) {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
}

export function listMembers(organisationId: number) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name))
    .all();
}
