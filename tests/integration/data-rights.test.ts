/**
 * Data rights (UK GDPR): a person downloads everything held about them, an administrator answers a
 * subject access request for anyone (audited), and unsuccessful bids lose their personal data once
 * the retention period has passed (tested by moving the clock) while every report adds up as before.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, getSqlite, writeTransaction } from "#db/client";
import { attachments, auditEvents, bids, passwordResets, recoveryCodes, rounds, sessions, users } from "#db/schema";
import { ANONYMISED_MARKER } from "~/domain/data-rights/anonymise";
import { DEFAULT_RETENTION_MONTHS, RETENTION_SETTING_KEY } from "~/domain/data-rights/retention";
import { PERSONAL_DATA_SOURCES, type PersonalData } from "~/domain/data-rights/sources";
import { PERSON_NOT_FOUND } from "~/domain/data-rights/subject-access";
import { organisationProfileSchema } from "~/domain/organisations/profile";
import { releaseDecisions } from "~/models/assessment/decision.server";
import { saveAttachment } from "~/models/attachment.server";
import { listAuditEvents } from "~/models/audit.server";
import { submitBid, withdrawBid } from "~/models/bid.server";
import { anonymiseDueBids, countBidsDue } from "~/models/data-rights/retention.server";
import { inviteMember } from "~/models/organisation-member.server";
import { saveOrganisationProfile } from "~/models/organisation-profile.server";
import { createPasswordReset } from "~/models/password-reset.server";
import { recordSignInAttempt } from "~/models/sign-in-attempt.server";
import { loader as personalDataLoader } from "~/routes/account_.personal-data[.json]";
import { action as retentionAction, loader as retentionLoader } from "~/routes/admin.retention";
import { action as subjectAccessAction, loader as subjectAccessLoader } from "~/routes/admin.subject-access";
import { action as subjectAccessDownload } from "~/routes/admin.subject-access[.json]";
import { loader as panelLoader } from "~/routes/funds.$fund.panel-report";
import { loader as reportLoader } from "~/routes/funds.$fund.rounds.$round.report";
import { loader as reportCsvLoader } from "~/routes/funds.$fund.rounds.$round.report[.csv]";
import { receiveFile } from "~/services/file-storage.server";
import { hashToken } from "~/utils/tokens.server";
import { seedConfiguration, seedDemoAccounts, seedDemoBudgets } from "../../scripts/seed/seed";
import { GR1 } from "../../scripts/seed/gr1";
import { sessionCookieFor, signedIn } from "../factories/accounts";
import { releasedRound } from "../factories/awards";
import { completeDraft, VALID_PROFILE } from "../factories/bids";
import { useHttpServer } from "../setup/http";
import { call, jsonOf } from "../setup/remix";

const UPLOAD_DIR = path.join(path.dirname(process.env.DATABASE_PATH!), "uploads");
process.env.UPLOAD_DIR = UPLOAD_DIR;

const FUND = "mayors-safer-communities-fund";
const DAY = 86_400_000;
const GR1_PARAGRAPH =
  "GR1 awarded on 1 March 2022 \u2013 39 projects were awarded a total of \u00a3208,254.93. This round saw 11 Drugs and Alcohol projects funded totalling \u00a362,468.41.";
/** What VALID_PROFILE and validAnswers put into every bid made by the factories. */
const PERSONAL_STRINGS = ["Aisha Khan", "aisha@example.org", "0113 496 0000", "1 Mill Street", "LS1 1UR", "Jo Bloggs", "Beeston and Holbeck", "Twice-weekly boxing", "Coach fees", "Attendance registers"];

const server = useHttpServer();

beforeAll(async () => {
  // The demo's own configuration and GR1 history (2021-22, with refusals), as `npm run demo` makes it.
  const now = new Date();
  seedConfiguration(now);
  await seedDemoAccounts(now);
  expect(seedDemoBudgets(now).history).not.toBeNull();
});

afterEach(() => {
  vi.useRealTimers();
});

// ---- helpers ----

/** Every row that could hold a bid's personal data, as one string to search. */
function rawBidText(bidId: number): string {
  const db = getSqlite();
  const rows = [
    db.prepare("SELECT * FROM bids WHERE id = ?").all(bidId),
    db.prepare("SELECT * FROM bid_budget_lines WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM bid_outcomes WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM attachments WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM decisions WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM eligibility_checks WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM moderations WHERE bid_id = ?").all(bidId),
    db.prepare("SELECT * FROM audit_events WHERE subject_type = 'bid' AND subject_id = ?").all(String(bidId)),
  ];
  return JSON.stringify(rows);
}

function bidRow(bidId: number) {
  return getDb().select().from(bids).where(eq(bids.id, bidId)).get()!;
}

/** A real file in UPLOAD_DIR behind the bid's first document, so deleting it can be seen. */
function realFileFor(bidId: number): string {
  const storedName = crypto.randomBytes(16).toString("hex");
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  fs.writeFileSync(path.join(UPLOAD_DIR, storedName), "%PDF-1.4 governing document naming Jo Bloggs");
  const first = getDb().select().from(attachments).where(eq(attachments.bidId, bidId)).limit(1).get()!;
  writeTransaction((tx) => tx.update(attachments).set({ storedName }).where(eq(attachments.id, first.id)).run());
  return path.join(UPLOAD_DIR, storedName);
}

/** The figures every report gives for a round: the round report, its applications CSV and the Panel report. */
async function reportsFor(roundSlug: string) {
  const { cookie } = await signedIn("grants_officer");
  const params = { fund: FUND, round: roundSlug };
  const report = await call(reportLoader, `/funds/${FUND}/rounds/${roundSlug}/report`, { cookie, params });
  expect(report.status).toBe(200);
  const { report: tables } = await jsonOf<{ report: unknown }>(report);
  const csv = await call(reportCsvLoader, `/funds/${FUND}/rounds/${roundSlug}/report.csv?table=applications`, { cookie, params });
  expect(csv.status).toBe(200);
  const panel = await call(panelLoader, `/funds/${FUND}/panel-report?round=${roundSlug}`, { cookie, params: { fund: FUND } });
  expect(panel.status).toBe(200);
  return { tables, applications: await csv.text(), panel: await jsonOf<{ released: { paragraphs: string[] } | null }>(panel) };
}

/** A document uploaded the way the documents page does it, replacing any of the same kind. */
async function upload(bidId: number, user: { id: number; organisationId?: number }, originalName: string): Promise<number> {
  const file = await receiveFile(
    (async function* () {
      yield Buffer.from(`%PDF-1.4 ${originalName}`);
    })(),
    1_000_000,
  );
  return saveAttachment({ bidId, organisationId: user.organisationId!, userId: user.id, kind: "safeguarding_policy", originalName, mimeType: "application/pdf", file }, new Date());
}

function monthsAfter(start: Date, months: number): Date {
  const d = new Date(start.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

async function download(cookie: string, url = "/account/personal-data.json") {
  const response = await call(personalDataLoader, url, { cookie });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  const text = await response.text();
  return { text, data: JSON.parse(text) as PersonalData };
}

// ---- retention ----

describe("retention of unsuccessful bids", () => {
  it("anonymises GR1's refusals, four years on, and its published figures stay exactly as they were", async () => {
    const gr1 = getDb().select().from(rounds).where(eq(rounds.slug, GR1.slug)).get()!;
    const gr1Bids = getDb().select({ id: bids.id, status: bids.status }).from(bids).where(eq(bids.roundId, gr1.id)).all();
    const refused = gr1Bids.filter((b) => b.status === "not_funded").map((b) => b.id);
    const awarded = gr1Bids.filter((b) => b.status === "awarded").map((b) => b.id);
    expect(refused.length).toBeGreaterThan(0);
    expect(awarded).toHaveLength(39);
    const before = await reportsFor(GR1.slug);
    expect(before.panel.released!.paragraphs).toContain(GR1_PARAGRAPH);
    const awardedBefore = awarded.map(rawBidText);

    const run = await anonymiseDueBids({ now: new Date(), actorUserId: null });

    expect(run.anonymised).toBeGreaterThanOrEqual(refused.length);
    expect(run.remaining).toBe(0);
    for (const id of refused) expect(bidRow(id).anonymisedAt).not.toBeNull();
    expect(awarded.map(rawBidText)).toEqual(awardedBefore);
    expect(await reportsFor(GR1.slug)).toEqual(before);
  });

  it("after the period has passed (a moved clock), removes the personal data of unsuccessful bids only, and every report adds up as before", async () => {
    const t0 = new Date();
    // A round decided now: funded in full, not funded, funded in part, reserve, not funded.
    const old = await releasedRound({ amounts: [8000, 6000, 5000, 4000, 3000], decide: ["fund_full", "not_funded", { part: 4000 }, "reserve", "not_funded"] });
    const [funded, refusedA, partFunded, reserve, refusedB] = old.bidIds;
    // A round decided a year later, and bids withdrawn now and a year later, and a draft never submitted.
    const recent = await releasedRound({ amounts: [7000, 2000], decide: ["fund_full", "not_funded"], release: false });
    const withdrawnEarly = await signedIn("applicant");
    const withdrawnLate = await signedIn("applicant");
    const abandoned = await signedIn("applicant");
    const early = completeDraft(withdrawnEarly.user).bidId;
    const late = completeDraft(withdrawnLate.user).bidId;
    const draft = completeDraft(abandoned.user).bidId;
    expect(withdrawBid(early, withdrawnEarly.user.id, t0)).toBe(true);
    const refusedFile = realFileFor(refusedA);
    // The abandoned draft's safeguarding policy was uploaded twice: the audit trail names both files.
    const firstUpload = await upload(draft, abandoned.user, "Jo Bloggs DBS check.pdf");
    const secondUpload = await upload(draft, abandoned.user, "Safeguarding policy signed by Jo Bloggs.pdf");
    const draftFile = path.join(UPLOAD_DIR, getDb().select().from(attachments).where(eq(attachments.id, secondUpload)).get()!.storedName);
    expect(fs.existsSync(draftFile)).toBe(true);
    const documentEvents = () => getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "attachment"), inArray(auditEvents.subjectId, [String(firstUpload), String(secondUpload)]))).all();
    expect(JSON.stringify(documentEvents())).toContain("Jo Bloggs DBS check.pdf");
    const fundedFile = realFileFor(funded);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(monthsAfter(t0, 12));
    expect(releaseDecisions(recent.round.id, recent.officer.user.id, new Date()).ok).toBe(true);
    expect(withdrawBid(late, withdrawnLate.user.id, new Date())).toBe(true);

    // Just inside the period nothing of these is due: the default is 24 months.
    vi.setSystemTime(new Date(monthsAfter(t0, DEFAULT_RETENTION_MONTHS).getTime() - DAY));
    expect(countBidsDue(new Date())).toBe(0);

    // 26 months on: past the old round's release, the early withdrawal and the demo round's closing
    // (42 days after t0), not past the recent release or the late withdrawal.
    vi.setSystemTime(monthsAfter(t0, 26));
    const due = [refusedA, reserve, refusedB, early, draft];
    const untouched = [funded, partFunded, ...recent.bidIds, late];
    expect(countBidsDue(new Date())).toBe(due.length);
    const beforeText = new Map(untouched.map((id) => [id, rawBidText(id)]));
    for (const id of due) expect(rawBidText(id)).toContain("Jo Bloggs");
    for (const id of [refusedA, reserve, refusedB]) expect(rawBidText(id)).toContain("aisha@example.org");
    const oldReports = await reportsFor(old.round.slug);
    const recentReports = await reportsFor(recent.round.slug);
    const figures = bids.amountRequestedPence;
    const kept = () => getDb().select({ id: bids.id, status: bids.status, reference: bids.reference, amount: figures, roundId: bids.roundId, organisationId: bids.organisationId, title: bids.projectTitle }).from(bids).where(inArray(bids.id, due)).all();
    const keptBefore = kept();
    const links = (table: string) => getSqlite().prepare(`SELECT * FROM ${table} WHERE bid_id IN (${due.join(",")}) ORDER BY 1, 2`).all();
    const linksBefore = ["bid_priorities", "bid_themes", "bid_tags", "bid_districts", "decisions"].map((t) => links(t).length);

    // An administrator sees what is due and presses "Anonymise now".
    const admin = await signedIn("admin");
    const page = await jsonOf<{ months: number; isDefault: boolean; due: number }>(await call(retentionLoader, "/admin/retention", { cookie: admin.cookie }));
    expect(page).toMatchObject({ months: DEFAULT_RETENTION_MONTHS, isDefault: true, due: due.length });
    const pressed = await call(retentionAction, "/admin/retention", { cookie: admin.cookie, form: { intent: "anonymise" } });
    expect(pressed.status).toBe(302);
    expect(pressed.headers.get("Location")).toBe(`/admin/retention?anonymised=${due.length}&remaining=0`);

    // Personal data gone from every row of the unsuccessful bids, and from their audit trail.
    for (const id of due) {
      const text = rawBidText(id);
      for (const s of PERSONAL_STRINGS) expect(text, `bid ${id}`).not.toContain(s);
      expect(text).toContain(ANONYMISED_MARKER);
      expect(bidRow(id).anonymisedAt?.getTime()).toBe(Date.now());
      expect(getDb().select().from(attachments).where(eq(attachments.bidId, id)).all()).toEqual([]);
    }
    expect(rawBidText(refusedA)).not.toContain("Say which priority the project serves");
    expect(fs.existsSync(refusedFile)).toBe(false);
    expect(fs.existsSync(draftFile)).toBe(false);
    expect(documentEvents().length).toBeGreaterThanOrEqual(3);
    for (const e of documentEvents()) expect(JSON.stringify([e.before, e.after])).not.toContain("Jo Bloggs");
    // Funded bids, and unsuccessful bids still inside the period, exactly as they were.
    for (const id of untouched) expect(rawBidText(id), `bid ${id}`).toBe(beforeText.get(id));
    expect(fs.existsSync(fundedFile)).toBe(true);
    // What reports need is still there, and every report gives the same figures.
    expect(kept()).toEqual(keptBefore);
    expect(["bid_priorities", "bid_themes", "bid_tags", "bid_districts", "decisions"].map((t) => links(t).length)).toEqual(linksBefore);
    expect(await reportsFor(old.round.slug)).toEqual(oldReports);
    expect(await reportsFor(recent.round.slug)).toEqual(recentReports);

    // Recorded: one event per bid and one for the batch, by the administrator who pressed.
    expect(listAuditEvents({ subjectType: "bid", subjectId: String(refusedA) })[0]).toMatchObject({ action: "bid.anonymised", actorUserId: admin.user.id, after: { reason: "retention", retentionMonths: DEFAULT_RETENTION_MONTHS } });
    const batch = getDb().select().from(auditEvents).where(eq(auditEvents.action, "retention.bids_anonymised")).all().at(-1)!;
    expect(batch).toMatchObject({ actorUserId: admin.user.id, subjectType: "portal_setting", subjectId: RETENTION_SETTING_KEY });
    expect((batch.after as { bidIds: number[] }).bidIds.sort()).toEqual([...due].sort());
    // The draft's answers were in its section_saved audit events; those details are redacted, the events stay.
    const draftEvents = listAuditEvents({ subjectType: "bid", subjectId: String(draft) });
    expect(draftEvents.filter((e) => e.action === "bid.section_saved").length).toBeGreaterThan(0);
    for (const e of draftEvents.filter((e) => e.action === "bid.section_saved")) expect(e).toMatchObject({ before: { redacted: "retention" }, after: { redacted: "retention" } });

    // Running again (as `npm run retention` would, from a daily job) changes nothing.
    const everything = () => JSON.stringify([...due, ...untouched].map(rawBidText));
    const snapshot = everything();
    const again = await anonymiseDueBids({ now: new Date(), actorUserId: null });
    expect(again).toMatchObject({ anonymised: 0, documentsDeleted: 0, remaining: 0 });
    expect(everything()).toBe(snapshot);

    // The recent round's refusal and the late withdrawal fall due 24 months after them, and no sooner.
    vi.setSystemTime(monthsAfter(t0, 37));
    expect(countBidsDue(new Date())).toBe(2);
    expect((await anonymiseDueBids({ now: new Date(), actorUserId: null })).anonymised).toBe(2);
    expect(bidRow(recent.bidIds[1]).anonymisedAt).not.toBeNull();
    expect(bidRow(late).anonymisedAt).not.toBeNull();
    expect(bidRow(recent.bidIds[0]).anonymisedAt).toBeNull();
  });

  it("the audit trail stays append-only: only the details of an event can be redacted, and only to the marker", () => {
    const db = getSqlite();
    const event = db.prepare("SELECT id FROM audit_events WHERE actor_user_id IS NOT NULL AND \"after\" IS NOT NULL ORDER BY id LIMIT 1").get() as { id: number };
    expect(() => db.prepare("UPDATE audit_events SET action = 'tampered' WHERE id = ?").run(event.id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_events SET \"after\" = '{\"status\":\"awarded\"}' WHERE id = ?").run(event.id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_events SET actor_user_id = NULL, \"after\" = '{\"redacted\":\"retention\"}' WHERE id = ?").run(event.id)).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit_events WHERE id = ?").run(event.id)).toThrow(/append-only/);
  });

  it("an administrator changes the period (audited); anything but a whole number of months from 1 to 120 is refused, keeping what was typed", async () => {
    const admin = await signedIn("admin");
    for (const [typed, message] of [
      ["", "Enter the retention period in months"],
      ["0", "The retention period must be between 1 and 120 months"],
      ["121", "The retention period must be between 1 and 120 months"],
      ["18.5", "The retention period must be a whole number of months, like 24"],
      ["two years", "The retention period must be a whole number of months, like 24"],
    ]) {
      const refused = await call(retentionAction, "/admin/retention", { cookie: admin.cookie, form: { intent: "save", months: typed } });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ errors: { months: message }, values: { months: typed } });
    }
    const saved = await call(retentionAction, "/admin/retention", { cookie: admin.cookie, form: { intent: "save", months: "36" } });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/admin/retention?saved=1");
    expect(await jsonOf(await call(retentionLoader, "/admin/retention", { cookie: admin.cookie }))).toMatchObject({ months: 36, isDefault: false });
    expect(listAuditEvents({ subjectType: "portal_setting", subjectId: RETENTION_SETTING_KEY })[0]).toMatchObject({
      action: "portal_setting.changed",
      actorUserId: admin.user.id,
      before: { months: DEFAULT_RETENTION_MONTHS, isDefault: true },
      after: { months: 36 },
    });
    // Back to the default for the rest of the file.
    await call(retentionAction, "/admin/retention", { cookie: admin.cookie, form: { intent: "save", months: String(DEFAULT_RETENTION_MONTHS) } });
  });

  it("is an administrator's page only", async () => {
    for (const role of ["applicant", "assessor", "grants_officer", "finance"] as const) {
      const { cookie } = await signedIn(role);
      expect((await call(retentionLoader, "/admin/retention", { cookie })).status).toBe(403);
      expect((await call(retentionAction, "/admin/retention", { cookie, form: { intent: "anonymise" } })).status).toBe(403);
    }
  });
});

// ---- the person's own download ----

type Person = Awaited<ReturnType<typeof signedIn>>;

/** An applicant with a submitted bid, a contact person, a sign-in attempt, a reset request and an invitation sent. */
async function applicantWithEverything(tag: string) {
  const person = await signedIn("applicant", { organisationName: `${tag} Youth Trust`, name: `Alex ${tag}`, email: `alex@${tag.toLowerCase()}.example` });
  const { bidId } = completeDraft(person.user, { safeguarding: { hasPolicy: "yes", leadName: `Lee ${tag}-Lead`, declarations: ["accurate", "purpose", "checks"] } });
  const profile = organisationProfileSchema.parse({ ...VALID_PROFILE, name: `${tag} Youth Trust`, contactName: `Casey ${tag}`, contactEmail: `casey@${tag.toLowerCase()}.example`, contactPhone: "0113 000 0001" });
  saveOrganisationProfile(person.user.organisationId!, person.user.id, profile, new Date());
  const submitted = submitBid(bidId, person.user.id, new Date());
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  writeTransaction((tx) => recordSignInAttempt(tx, person.user.email, false, new Date()));
  const reset = createPasswordReset(person.user.email, new Date())!;
  inviteMember(person.user.organisationId!, person.user.id, `new.member@${tag.toLowerCase()}.example`, new Date());
  return { person, bidId, reference: submitted.reference, resetToken: reset.token };
}

/** Everything secret about a person as the database keeps it: none of it may appear in a download. */
function secretsOf(person: Person): string[] {
  const user = getDb().select().from(users).where(eq(users.id, person.user.id)).get()!;
  const values = [
    user.passwordHash,
    user.totpSecret,
    ...getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all().map((s) => s.idHash),
    ...getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id)).all().map((r) => r.tokenHash),
    ...getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all().map((c) => c.codeHash),
    person.token,
    ...(person.recoveryCodes ?? []),
    person.totpSecret,
  ];
  return values.filter((v): v is string => typeof v === "string" && v.length > 0);
}

const SECRET_KEYS = /"(passwordHash|password_hash|totpSecret|totp_secret|idHash|id_hash|tokenHash|token_hash|codeHash|code_hash)"/;

describe("downloading your personal data", () => {
  let aardvark: Awaited<ReturnType<typeof applicantWithEverything>>;
  let badger: Awaited<ReturnType<typeof applicantWithEverything>>;

  beforeAll(async () => {
    aardvark = await applicantWithEverything("Aardvark");
    badger = await applicantWithEverything("Badger");
  });

  it("gives a signed-in applicant everything held about them, from every source, with an explanation of each part", async () => {
    const { data, text } = await download(aardvark.person.cookie);
    expect(data.about).toMatch(/Everything the community safety grants portal holds about you/);
    expect(new Date(data.generatedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(data.sources)).toEqual(PERSONAL_DATA_SOURCES.map((s) => s.key));
    for (const source of PERSONAL_DATA_SOURCES) expect(data.sources[source.key]).toMatchObject({ title: source.title, explanation: source.explanation });
    const s = data.sources;
    expect(s.account.data).toMatchObject({ id: aardvark.person.user.id, name: "Alex Aardvark", email: "alex@aardvark.example", role: "applicant", twoFactorSignIn: null });
    expect((s.sessions.data as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect(s.signInAttempts.data).toEqual([expect.objectContaining({ succeeded: false })]);
    expect(s.passwordResets.data).toEqual([expect.objectContaining({ usedAt: null })]);
    expect(s.invitations.data).toMatchObject({ byYou: { organisation: [{ organisation: "Aardvark Youth Trust", email: "new.member@aardvark.example" }] } });
    expect(s.organisations.data).toMatchObject([{ name: "Aardvark Youth Trust", profile: { contactName: "Casey Aardvark", contactEmail: "casey@aardvark.example", contactPhone: "0113 000 0001" } }]);
    const bidsPart = s.bids.data as { yourOrganisations: { reference: string; answers: { safeguarding: { leadName: string } }; documents: unknown[]; startedByYou: boolean; decision: unknown }[] };
    expect(bidsPart.yourOrganisations).toHaveLength(1);
    expect(bidsPart.yourOrganisations[0]).toMatchObject({ reference: aardvark.reference, startedByYou: true, decision: null, answers: { safeguarding: { leadName: "Lee Aardvark-Lead" } } });
    expect(bidsPart.yourOrganisations[0].documents).toHaveLength(3);
    expect(text).toContain('"contactEmail": "casey@aardvark.example"');
    const actions = (s.auditEvents.data as { action: string; byYou: boolean }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["bid.started", "bid.section_saved", "bid.submitted", "organisation.profile_updated", "organisation.member_invited", "account.password_reset_requested"]));
    expect((s.staffWork.data as Record<string, unknown[]>).decisions).toEqual([]);
  });

  it("holds nothing of anyone else's and no secret of theirs", async () => {
    const { text } = await download(aardvark.person.cookie);
    for (const other of ["Badger", "badger.example", "Lee Badger-Lead", badger.reference, ...secretsOf(badger.person)]) expect(text).not.toContain(other);
    for (const secret of [...secretsOf(aardvark.person), hashToken(aardvark.resetToken), aardvark.resetToken]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(SECRET_KEYS);
  });

  it("is always the caller's own: another organisation's member asking for it, however they ask, gets their own", async () => {
    const { data, text } = await download(badger.person.cookie, `/account/personal-data.json?userId=${aardvark.person.user.id}&email=${encodeURIComponent("alex@aardvark.example")}`);
    expect(data.person.email).toBe("alex@badger.example");
    for (const other of ["Aardvark", "aardvark.example", aardvark.reference]) expect(text).not.toContain(other);
  });

  it("sends a signed-out visitor to sign in first", async () => {
    const response = await call(personalDataLoader, "/account/personal-data.json");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/account/personal-data.json" })}`);
  });

  it("gives staff their own work, two-factor status and recovery codes' use, never the authenticator's secret or the codes", async () => {
    const made = await releasedRound({ amounts: [5000, 3000], decide: ["fund_full", "not_funded"] });
    const officer = made.officer;
    const { data, text } = await download(officer.cookie);
    expect(data.sources.account.data).toMatchObject({ role: "grants_officer", twoFactorSignIn: { setUpAt: expect.any(String) } });
    expect(data.sources.recoveryCodes.data).toMatchObject({ codesMade: officer.recoveryCodes!.length, usedAt: [] });
    const work = data.sources.staffWork.data as Record<string, { bidReference?: string; reason?: string | null }[]>;
    expect(work.decisions).toHaveLength(2);
    expect(work.eligibilityChecks).toHaveLength(2);
    expect(work.moderations.map((m) => m.reason)).toEqual(["Panel score", "Panel score"]);
    expect(work.decisionsReleased).toHaveLength(1);
    // Their decisions on an organisation's bid are listed, without that organisation's details.
    const decided = (data.sources.auditEvents.data as { action: string; byYou: boolean; details: unknown }[]).filter((e) => e.action === "bid.decided");
    expect(decided).toHaveLength(2);
    for (const e of decided) expect(e).toMatchObject({ byYou: true, details: "left out: this action was about someone else's record" });
    for (const secret of secretsOf(officer)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(SECRET_KEYS);

    // The refused applicant sees the released decision and its feedback, and none of staff's working.
    const refused = await download(await sessionCookieFor(made.applicants[1].id));
    const bid = (refused.data.sources.bids.data as { yourOrganisations: { decision: unknown }[] }).yourOrganisations[0];
    expect(bid.decision).toMatchObject({ outcome: "Not funded", amountPence: 0, feedback: "Say which priority the project serves" });
    expect(refused.text).not.toContain("Panel score");
    const theirActions = (refused.data.sources.auditEvents.data as { action: string }[]).map((e) => e.action);
    for (const staffStep of ["bid.eligibility_recorded", "bid.moderated", "bid.decided", "assessment.assigned"]) expect(theirActions).not.toContain(staffStep);
  });
});

// ---- subject access requests ----

describe("an administrator answering a subject access request", () => {
  let subject: Awaited<ReturnType<typeof applicantWithEverything>>;
  let admin: Person;
  beforeAll(async () => {
    subject = await applicantWithEverything("Cormorant");
    admin = await signedIn("admin");
  });

  const ask = (form: Record<string, string>, cookie = admin.cookie) => call(subjectAccessAction, "/admin/subject-access", { cookie, form });
  const fetchFile = (email: string, cookie = admin.cookie) => call(subjectAccessDownload, "/admin/subject-access.json", { cookie, form: { email } });
  const disclosures = () => getDb().select().from(auditEvents).where(eq(auditEvents.action, "data_rights.subject_access_exported")).all();

  it("finds anyone by email address (any case) and shows how much is held, without disclosing it or recording a disclosure", async () => {
    const before = disclosures().length;
    const response = await ask({ email: "  ALEX@Cormorant.example " });
    expect(response.status).toBe(200);
    const { found } = await jsonOf<{ found: { email: string; account: { name: string; role: string }; summary: { key: string; entries: number }[] } }>(response);
    expect(found.email).toBe("alex@cormorant.example");
    expect(found.account).toEqual({ name: "Alex Cormorant", role: "applicant" });
    const entries = Object.fromEntries(found.summary.map((s) => [s.key, s.entries]));
    expect(entries).toMatchObject({ account: 1, organisations: 1, bids: 1, signInAttempts: 1, passwordResets: 1, invitations: 1 });
    expect(JSON.stringify(found)).not.toContain("Lee Cormorant-Lead");
    expect(disclosures()).toHaveLength(before);
  });

  it("downloads the same file the person would get, recording who disclosed it, about whom and when, before it is sent", async () => {
    const response = await fetchFile("alex@cormorant.example");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="subject-access-request-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const recorded = disclosures().at(-1)!;
    expect(recorded).toMatchObject({ actorUserId: admin.user.id, subjectType: "user", subjectId: String(subject.person.user.id), after: { email: "alex@cormorant.example" } });
    const sent = JSON.parse(await response.text()) as PersonalData;
    expect(recorded.at.toISOString()).toBe(sent.generatedAt);

    const own = (await download(subject.person.cookie)).data;
    // Identical but for the audit trail (which now holds the disclosure) and sessions (each request marks its session used).
    const { auditEvents: _sentEvents, sessions: sentSessions, ...sentRest } = sent.sources;
    const { auditEvents: ownEvents, sessions: ownSessions, ...ownRest } = own.sources;
    expect(ownRest).toEqual(sentRest);
    expect((ownSessions.data as unknown[]).length).toBe((sentSessions.data as unknown[]).length);
    // The person's own copy then shows the disclosure, made by someone else.
    expect((ownEvents.data as { action: string; byYou: boolean }[]).at(-1)).toMatchObject({ action: "data_rights.subject_access_exported", byYou: false });
    // The administrator's own copy names the disclosure but not the details of someone else's record.
    const adminCopy = (await download(admin.cookie)).data;
    expect((adminCopy.sources.auditEvents.data as { action: string; details: unknown }[]).find((e) => e.action === "data_rights.subject_access_exported")).toMatchObject({ details: "left out: this action was about someone else's record" });
  });

  it("answers for someone with no account: an organisation's contact gets their details and the bids that name them", async () => {
    const response = await fetchFile("casey@cormorant.example");
    expect(response.status).toBe(200);
    const sent = JSON.parse(await response.text()) as PersonalData;
    expect(sent.person).toEqual({ email: "casey@cormorant.example", hasAccount: false });
    expect(sent.sources.account.data).toBeNull();
    expect(sent.sources.contactFor.data).toMatchObject([{ organisation: "Cormorant Youth Trust", contactName: "Casey Cormorant", contactPhone: "0113 000 0001" }]);
    expect(sent.sources.bids.data).toMatchObject({ yourOrganisations: [], namingYouAsContact: [{ reference: subject.reference, contactName: "Casey Cormorant" }] });
    expect(JSON.stringify(sent)).not.toContain("Lee Cormorant-Lead");
    expect(disclosures().at(-1)).toMatchObject({ actorUserId: admin.user.id, subjectType: "person", subjectId: "casey@cormorant.example" });
  });

  it("says clearly when nobody has that address, and checks the address's form, keeping what was typed", async () => {
    const before = disclosures().length;
    const missing = await ask({ email: "nobody@nowhere.example" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errors: { email: PERSON_NOT_FOUND }, values: { email: "nobody@nowhere.example" } });
    const empty = await ask({ email: "" });
    expect(await empty.json()).toMatchObject({ errors: { email: "Enter the email address of the person who asked" } });
    const malformed = await ask({ email: "alex at cormorant" });
    expect(await malformed.json()).toMatchObject({ errors: { email: "Enter an email address in the correct format, like name@example.org" }, values: { email: "alex at cormorant" } });
    // The download itself refuses the same way, with nothing disclosed or recorded.
    for (const email of ["nobody@nowhere.example", "not an address"]) {
      const refused = await fetchFile(email);
      expect(refused.status).toBe(400);
      expect(refused.headers.get("Content-Disposition")).toBeNull();
    }
    expect(disclosures()).toHaveLength(before);
  });

  it("is refused (403) to everyone but administrators, and sends the signed-out to sign in", async () => {
    for (const role of ["applicant", "assessor", "grants_officer", "finance"] as const) {
      const { cookie } = await signedIn(role);
      expect((await call(subjectAccessLoader, "/admin/subject-access", { cookie })).status).toBe(403);
      expect((await ask({ email: "alex@cormorant.example" }, cookie)).status).toBe(403);
      expect((await fetchFile("alex@cormorant.example", cookie)).status).toBe(403);
    }
    expect((await call(subjectAccessLoader, "/admin/subject-access")).status).toBe(302);
    expect((await call(subjectAccessDownload, "/admin/subject-access.json", { form: { email: "alex@cormorant.example" } })).status).toBe(302);
    expect(getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "data_rights.subject_access_exported"), sql`${auditEvents.actorUserId} <> ${admin.user.id}`)).all()).toEqual([]);
  });
});

// ---- the pages, as HTML without JavaScript ----

describe("the pages, served as HTML with no JavaScript", () => {
  const asProduction = (cookie: string) => cookie.replace(/^portal_session=/, "__Host-portal_session=");
  const get = async (pathname: string, cookie: string) => {
    const response = await fetch(`${server.baseUrl}${pathname}`, { headers: { Cookie: asProduction(cookie) }, redirect: "manual" });
    expect(response.status, pathname).toBe(200);
    return (await response.text()).replaceAll("<!-- -->", "");
  };

  it("the account page explains the download and links to it", async () => {
    const { cookie } = await signedIn("applicant");
    const html = await get("/account", cookie);
    expect(html).toContain("Your personal data");
    expect(html).toContain('href="/account/personal-data.json"');
    expect(html).toContain("It never includes your password or any other secret");

    const file = await fetch(`${server.baseUrl}/account/personal-data.json`, { headers: { Cookie: asProduction(cookie) }, redirect: "manual" });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="personal-data-/);
    expect(file.headers.get("Cache-Control")).toBe("no-store");
    expect(((await file.json()) as PersonalData).sources.account.data).toMatchObject({ role: "applicant" });
  });

  it("the retention page shows a refused period as a GOV.UK error, keeping what was typed", async () => {
    const { cookie } = await signedIn("admin");
    const response = await fetch(`${server.baseUrl}/admin/retention`, {
      method: "POST",
      headers: { Cookie: asProduction(cookie), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "save", months: "999" }),
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("<title>Error: Retention of unsuccessful bids");
    expect(html).toContain("There is a problem");
    expect(html).toContain('<a href="#months">The retention period must be between 1 and 120 months</a>');
    expect(html).toMatch(/<input[^>]*name="months"[^>]*value="999"/);
    expect(html).toContain("govuk-input--error");
  });

  it("the administration page links to subject access requests and retention", async () => {
    const { cookie } = await signedIn("admin");
    const html = await get("/admin", cookie);
    expect(html).toContain('href="/admin/subject-access"');
    expect(html).toContain('href="/admin/retention"');
    expect(await get("/admin/subject-access", cookie)).toContain("Answer a subject access request");
  });
});
