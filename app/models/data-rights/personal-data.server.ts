/**
 * Everything the portal holds about one person, as one JSON document: the signed-in person's own
 * download and an administrator's answer to a subject access request build the same thing. A person
 * is found by email address, with or without an account: an organisation's contact or someone who
 * was invited may never have signed up.
 */
import { count, sql } from "drizzle-orm";
import { auditEvents, bids } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { PERSONAL_DATA_ABOUT, PERSONAL_DATA_SOURCES, countEntries, type PersonalData, type PersonalDataSourceKey } from "~/domain/data-rights/sources";
import { recordAudit } from "../audit.server";
import { findUserByEmail } from "../user.server";
import {
  accountRecord,
  contactRecords,
  invitationRecords,
  organisationIdsOf,
  organisationRecords,
  passwordResetRecords,
  recoveryCodeRecords,
  sessionRecords,
  signInAttemptRecords,
  type Subject,
} from "./account-data.server";
import { awardRecords, awardScope } from "./award-data.server";
import { bidIdsOf, bidRecords } from "./bid-data.server";
import { auditRecords } from "./audit-data.server";
import { staffWorkRecords } from "./staff-data.server";

export type { Subject, PersonalData };

export function subjectForUser(user: { id: number; email: string }): Subject {
  return { userId: user.id, email: user.email.toLowerCase() };
}

/** Whoever the portal knows by this email address, or undefined when it holds nothing about them. */
export function findSubject(email: string): Subject | undefined {
  const normalised = email.trim().toLowerCase();
  const user = findUserByEmail(normalised);
  if (user) return subjectForUser(user);
  const subject: Subject = { userId: null, email: normalised };
  const quoted = JSON.stringify(normalised);
  const inAudit =
    (getDb()
      .select({ n: count() })
      .from(auditEvents)
      .where(sql`lower(${auditEvents.subjectId}) = ${normalised} OR instr(lower(coalesce(${auditEvents.before}, '')), ${quoted}) > 0 OR instr(lower(coalesce(${auditEvents.after}, '')), ${quoted}) > 0`)
      .get()?.n ?? 0) > 0;
  const inBids = (getDb().select({ n: count() }).from(bids).where(sql`lower(json_extract(${bids.submitted}, '$.organisation.contactEmail')) = ${normalised}`).get()?.n ?? 0) > 0;
  const invitations = invitationRecords(subject);
  const known =
    inAudit || inBids || contactRecords(normalised).length > 0 || signInAttemptRecords(normalised).length > 0 || invitations.toYou.staff.length > 0 || invitations.toYou.organisation.length > 0;
  return known ? subject : undefined;
}

export function buildPersonalData(subject: Subject, now: Date): PersonalData {
  const organisationIds = organisationIdsOf(subject.userId);
  const bidsPart = bidRecords(subject, organisationIds);
  const awardsPart = awardRecords(subject, organisationIds);
  const data: Record<PersonalDataSourceKey, unknown> = {
    account: subject.userId === null ? null : accountRecord(subject.userId),
    sessions: subject.userId === null ? [] : sessionRecords(subject.userId),
    signInAttempts: signInAttemptRecords(subject.email),
    passwordResets: subject.userId === null ? [] : passwordResetRecords(subject.userId),
    recoveryCodes: subject.userId === null ? null : recoveryCodeRecords(subject.userId),
    invitations: invitationRecords(subject),
    organisations: subject.userId === null ? [] : organisationRecords(subject.userId),
    contactFor: contactRecords(subject.email),
    bids: bidsPart,
    awards: awardsPart,
    staffWork: staffWorkRecords(subject.userId),
    auditEvents: auditRecords(subject, { organisationIds, bidIds: bidIdsOf(bidsPart), ...awardScope(awardsPart) }),
  };
  const sources = Object.fromEntries(PERSONAL_DATA_SOURCES.map((s) => [s.key, { title: s.title, explanation: s.explanation, data: data[s.key] }])) as PersonalData["sources"];
  return { about: PERSONAL_DATA_ABOUT, generatedAt: now.toISOString(), person: { email: subject.email, hasAccount: subject.userId !== null }, sources };
}

/** How many entries each part holds: what an administrator sees before downloading. */
export function summarisePersonalData(data: PersonalData) {
  return PERSONAL_DATA_SOURCES.map((s) => ({ key: s.key, title: s.title, entries: countEntries(data.sources[s.key].data) }));
}

/**
 * An administrator's disclosure: the document is built and the audit event recorded in one
 * transaction, so no file leaves without its record, and the record names exactly what went.
 */
export function discloseToAdministrator(subject: Subject, adminId: number, now: Date): PersonalData {
  return writeTransaction((tx) => {
    const data = buildPersonalData(subject, now);
    recordAudit(tx, {
      at: now,
      actorUserId: adminId,
      action: "data_rights.subject_access_exported",
      subjectType: subject.userId === null ? "person" : "user",
      subjectId: subject.userId ?? subject.email,
      after: { email: subject.email, entries: Object.fromEntries(summarisePersonalData(data).map((s) => [s.key, s.entries])) },
    });
    return data;
  });
}
