/**
 * One realistic "world" in the test database, for the security suites (authorisation matrix,
 * extra-field posts, fuzzing). Stable exports, used read-only by other suites:
 *
 *   CALLERS                  the nine kinds of caller, in the order the matrix reports them
 *   type Caller, type World, type OrganisationRecords
 *   buildWorld(): Promise<World>
 *       Builds everything below through the app's own model functions and the shared factories.
 *       Call it once per test file (each file has its own database), in beforeAll.
 *       world.cookies[caller] is a Cookie header ("" for anonymous, which `call` then omits).
 *   paramsFor(route, world, org = "a"): Record<string, string>
 *       Route params for a route file name (e.g. "applications.$bidId._index") that point at
 *       organisation A's records (or B's with org "b"): applicant B and unassigned or conflicted
 *       assessors should get 404 from them.
 *   urlFor(route, params): string          the path a route answers on, e.g. /funds/x/360giving.csv
 *   snapshotWorld(): string                a copy of the database file, taken after buildWorld
 *   restoreWorld(snapshot): void           puts that copy back (closes and reopens the connection)
 *   tableChecksum({ accounting = false }): string   a hash of every row of every table, less
 *                                          request accounting: sessions' activity always, throttle
 *                                          counts unless `accounting` is true
 *   formFor(route, world, org = "a"): Record<string, string | string[]>
 *       A valid form for the route's action, as a browser would post it, aimed at that
 *       organisation's records (so the right caller's post succeeds, or is refused only by a rule
 *       of the domain, and anyone else's post would change something if a guard were missing).
 *
 * What is in it. Organisation A and organisation B each have: one applicant (a member); an award in
 * a closed and released round of its own, accepted, with bank details given after acceptance (so
 * they wait for finance), an interim monitoring return and a requested date variation; a bid
 * submitted to the demo round and then moved to a closed "assessment round", found eligible and
 * assigned; a draft in the open demo round (GR8); documents on both bids, with real files on disk
 * (the submitted bid's governing document is `attachmentId`). A's bid under assessment is assigned
 * to `assessorAssigned` (declared no conflict, so it can be scored) and to `assessorConflicted`
 * (declared a conflict). B's is assigned to `assessorUnassigned`, who therefore has work of their
 * own but nothing of A's. Plus a grants officer, finance and an admin (signed in with `signedIn`,
 * which gives staff a fully signed-in session), the seeded West Yorkshire funds, plans and rounds,
 * and this year's budget for the Community Safety Fund.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { closeDatabase, databasePath, getDb, getSqlite, writeTransaction } from "#db/client";
import { assessments, attachments, awards, bids, districts, funds, roundCriteria, rounds, users } from "#db/schema";
import { DECLARATIONS } from "~/domain/awards/offer";
import { financialYearOf } from "~/domain/money/ledger";
import { instantToLondonWallClock } from "~/domain/time/london";
import { declareConflict, declareNoConflict } from "~/models/assessment/assessor.server";
import { assignAssessors } from "~/models/assessment/assignment.server";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { acceptOffer, submitBankDetails } from "~/models/awards/award.server";
import { submitReturn, targetOutcomes } from "~/models/awards/monitoring.server";
import { currentBudgetSplit, requestVariation } from "~/models/awards/variations.server";
import { submitBid } from "~/models/bid.server";
import { setFundBudget } from "~/models/finance/budgets.server";
import { currentPlanFor, findPassportedFund } from "~/models/finance/csf.server";
import { sessionCookieFor, signedIn, TEST_PASSWORD } from "../factories/accounts";
import { awardOfBid, releasedRound } from "../factories/awards";
import { completeDraft, VALID_PROFILE } from "../factories/bids";

// Uploaded documents go beside this file's database, never into data/uploads. Set before the app
// first reads its environment (getEnv parses process.env on every call, so this is enough).
process.env.UPLOAD_DIR ??= path.join(path.dirname(process.env.DATABASE_PATH ?? "tests/.tmp/x"), "uploads");

export const CALLERS = [
  "anonymous",
  "applicantA",
  "applicantB",
  "assessorUnassigned",
  "assessorAssigned",
  "assessorConflicted",
  "officer",
  "finance",
  "admin",
] as const;
export type Caller = (typeof CALLERS)[number];

/** One organisation's records. */
export type OrganisationRecords = {
  organisationId: number;
  applicantId: number;
  /** A draft in the open demo round (GR8), complete and ready to submit. */
  draftBidId: number;
  /** Submitted, moved to the closed assessment round, eligible, status under_assessment. */
  submittedBidId: number;
  /** The bid behind the award (status awarded), in a released round of its own. */
  awardBidId: number;
  awardId: number;
  awardRoundId: number;
  /** Given after acceptance, so it waits for finance to confirm it. */
  bankDetailsId: number;
  /** The interim return on the award (status submitted). */
  returnId: number;
  /** A requested change of end date on the award. */
  variationId: number;
  /** The governing document of the submitted bid, with a real file behind it. */
  attachmentId: number;
  /** A document of the draft bid. */
  draftAttachmentId: number;
  /** A's: the assigned assessor's (declared no conflict). B's: the "unassigned" assessor's. */
  assessmentId: number;
};

export type World = {
  cookies: Record<Caller, string>;
  users: Record<Exclude<Caller, "anonymous">, number>;
  a: OrganisationRecords & { conflictedAssessmentId: number };
  b: OrganisationRecords;
  fundId: number;
  fundSlug: string;
  planId: number;
  districtId: number;
  /** The open demo round, GR8: drafts live here. */
  openRoundId: number;
  openRoundSlug: string;
  /** A closed round holding both organisations' bids under assessment. */
  assessmentRoundId: number;
  assessmentRoundSlug: string;
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const today = () => instantToLondonWallClock(new Date()).date;

/** Gives each of a bid's document rows a real file under a name the storage accepts. */
function realFilesFor(bidId: number): number[] {
  const dir = process.env.UPLOAD_DIR!;
  fs.mkdirSync(dir, { recursive: true });
  const rows = getDb().select({ id: attachments.id, kind: attachments.kind }).from(attachments).where(eq(attachments.bidId, bidId)).all();
  writeTransaction((tx) => {
    for (const row of rows) {
      const storedName = crypto.randomBytes(16).toString("hex");
      fs.writeFileSync(path.join(dir, storedName), PDF);
      const sha256 = crypto.createHash("sha256").update(PDF).digest("hex");
      tx.update(attachments).set({ storedName, sizeBytes: PDF.length, sha256 }).where(eq(attachments.id, row.id)).run();
    }
  });
  const order = ["governing_document", "accounts", "safeguarding_policy"];
  return rows.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind)).map((r) => r.id);
}

/** A closed copy of the demo round, with its scoring criteria, to hold bids under assessment. */
function assessmentRound(openRoundId: number) {
  return writeTransaction((tx) => {
    const { id: _id, createdAt: _c, ...demo } = tx.select().from(rounds).where(eq(rounds.id, openRoundId)).get()!;
    const round = tx
      .insert(rounds)
      .values({ ...demo, slug: "world-assessment", code: "WA1", name: "World assessment round", opensAt: new Date(Date.now() - 40 * 86_400_000), closesAt: new Date(Date.now() - 60_000) })
      .returning()
      .get();
    for (const { id: _cid, roundId: _r, ...c } of tx.select().from(roundCriteria).where(eq(roundCriteria.roundId, openRoundId)).all()) {
      tx.insert(roundCriteria).values({ ...c, roundId: round.id }).run();
    }
    return round;
  });
}

/** An award taken as far as a running project goes: accepted, bank details, a return, a variation. */
function runningAward(awardId: number, applicantId: number) {
  const ok = <T extends { ok: boolean }>(what: string, r: T) => {
    if (!r.ok) throw new Error(`world: could not ${what}: ${JSON.stringify(r)}`);
    return r;
  };
  ok("accept", acceptOffer({ awardId, userId: applicantId, signatoryName: "Aisha Khan", signatoryRole: "Chair", acceptedOn: today(), declarations: DECLARATIONS.map((d) => d.value) }, new Date()));
  const bank = ok("give bank details", submitBankDetails({ awardId, userId: applicantId, accountName: "Community Group Treasurer", sortCode: "309430", accountNumber: "12345678" }, new Date()));
  const award = getDb().select().from(awards).where(eq(awards.id, awardId)).get()!;
  const lines = currentBudgetSplit(awardId);
  const returned = ok(
    "send a return",
    submitReturn({
      awardId,
      userId: applicantId,
      kind: "interim",
      fields: {
        beneficiariesReached: 30,
        outcomes: targetOutcomes(award.bidId).map((o) => ({ bidOutcomeId: o.id, achieved: 20 })),
        spend: lines.map((l) => ({ budgetLineId: l.budgetLineId, spentPence: Math.floor(l.plannedPence / 2) })),
        story: "Half way through: young people come twice a week.",
        underspendPence: 0,
      },
    }),
  );
  const endsOn = `${Number(award.endsOn.slice(0, 4)) + 1}${award.endsOn.slice(4)}`;
  const varied = ok("ask for a variation", requestVariation({ awardId, userId: applicantId, fields: { kind: "dates", endsOn, reason: "The hall is closed for a month" } }));
  return { bankDetailsId: (bank as { bankDetailsId: number }).bankDetailsId, returnId: (returned as { returnId: number }).returnId, variationId: (varied as { variationId: number }).variationId };
}

export async function buildWorld(): Promise<World> {
  // Awards first: releasedRound makes the two organisations (A and B) and their applicants.
  const released = await releasedRound({ amounts: [8000, 6000], decide: ["fund_full", "fund_full"] });
  const officer = released.officer;
  const [applicantA, applicantB] = released.applicants;
  const [awardA, awardB] = released.bidIds.map((id) => awardOfBid(id)!);
  const [finance, admin, assessorUnassigned, assessorAssigned, assessorConflicted] = [
    await signedIn("finance"),
    await signedIn("admin"),
    await signedIn("assessor", { name: "Unassigned Assessor" }),
    await signedIn("assessor", { name: "Assigned Assessor" }),
    await signedIn("assessor", { name: "Conflicted Assessor" }),
  ];
  const runningA = runningAward(awardA.id, applicantA.id);
  const runningB = runningAward(awardB.id, applicantB.id);

  // Bids under assessment: submitted to the open round, then moved to a closed one, as if it had closed.
  const submitted = [applicantA, applicantB].map((applicant) => {
    const { bidId, round } = completeDraft(applicant);
    const result = submitBid(bidId, applicant.id, new Date());
    if (!result.ok) throw new Error(`world: could not submit: ${JSON.stringify(result)}`);
    return { bidId, openRound: round };
  });
  const openRound = getDb().select().from(rounds).where(eq(rounds.id, submitted[0].openRound.id)).get()!;
  const closed = assessmentRound(openRound.id);
  writeTransaction((tx) =>
    tx
      .update(bids)
      .set({ roundId: closed.id, reference: sql`replace(${bids.reference}, ${`-${openRound.code}-`}, ${`-${closed.code}-`})` })
      .where(inArray(bids.id, submitted.map((s) => s.bidId)))
      .run(),
  );
  const [submittedA, submittedB] = submitted.map((s) => s.bidId);
  for (const bidId of [submittedA, submittedB]) recordEligibility({ bidId, eligible: true, reason: null, officerId: officer.user.id }, new Date());
  assignAssessors({ bidIds: [submittedA], assessorIds: [assessorAssigned.user.id, assessorConflicted.user.id], officerId: officer.user.id }, new Date());
  assignAssessors({ bidIds: [submittedB], assessorIds: [assessorUnassigned.user.id], officerId: officer.user.id }, new Date());
  const assessmentOf = (bidId: number, assessorId: number) =>
    getDb().select({ id: assessments.id }).from(assessments).where(and(eq(assessments.bidId, bidId), eq(assessments.assessorId, assessorId))).get()!.id;
  const assignedAssessmentId = assessmentOf(submittedA, assessorAssigned.user.id);
  const conflictedAssessmentId = assessmentOf(submittedA, assessorConflicted.user.id);
  const unassignedOwnAssessmentId = assessmentOf(submittedB, assessorUnassigned.user.id);
  declareNoConflict(assignedAssessmentId, assessorAssigned.user.id, new Date());
  declareNoConflict(unassignedOwnAssessmentId, assessorUnassigned.user.id, new Date());
  declareConflict(conflictedAssessmentId, assessorConflicted.user.id, "My sister is the group's treasurer", new Date());

  // Drafts in the open round, now that the submitted bids have left it.
  const draftA = completeDraft(applicantA).bidId;
  const draftB = completeDraft(applicantB).bidId;
  const [attachmentA] = realFilesFor(submittedA);
  const [attachmentB] = realFilesFor(submittedB);
  const [draftAttachmentA] = realFilesFor(draftA);
  const [draftAttachmentB] = realFilesFor(draftB);

  // The Community Safety Fund has this year's budget, so finance can allocate it to partnerships.
  const csf = findPassportedFund();
  if (csf) setFundBudget({ fundId: csf.id, financialYear: financialYearOf(new Date()), amountPence: 200_000_000, actorId: finance.user.id }, new Date());

  const db = getDb();
  const fund = db.select().from(funds).where(eq(funds.id, openRound.fundId)).get()!;
  const leeds = db.select().from(districts).where(eq(districts.name, "Leeds")).get()!;

  return {
    cookies: {
      anonymous: "",
      applicantA: await sessionCookieFor(applicantA.id),
      applicantB: await sessionCookieFor(applicantB.id),
      assessorUnassigned: assessorUnassigned.cookie,
      assessorAssigned: assessorAssigned.cookie,
      assessorConflicted: assessorConflicted.cookie,
      officer: officer.cookie,
      finance: finance.cookie,
      admin: admin.cookie,
    },
    users: {
      applicantA: applicantA.id,
      applicantB: applicantB.id,
      assessorUnassigned: assessorUnassigned.user.id,
      assessorAssigned: assessorAssigned.user.id,
      assessorConflicted: assessorConflicted.user.id,
      officer: officer.user.id,
      finance: finance.user.id,
      admin: admin.user.id,
    },
    a: {
      organisationId: applicantA.organisationId!,
      applicantId: applicantA.id,
      draftBidId: draftA,
      submittedBidId: submittedA,
      awardBidId: awardA.bidId,
      awardId: awardA.id,
      awardRoundId: awardA.roundId,
      ...runningA,
      attachmentId: attachmentA,
      draftAttachmentId: draftAttachmentA,
      assessmentId: assignedAssessmentId,
      conflictedAssessmentId,
    },
    b: {
      organisationId: applicantB.organisationId!,
      applicantId: applicantB.id,
      draftBidId: draftB,
      submittedBidId: submittedB,
      awardBidId: awardB.bidId,
      awardId: awardB.id,
      awardRoundId: awardB.roundId,
      ...runningB,
      attachmentId: attachmentB,
      draftAttachmentId: draftAttachmentB,
      assessmentId: unassignedOwnAssessmentId,
    },
    fundId: fund.id,
    fundSlug: fund.slug,
    planId: openRound.planId,
    districtId: leeds.id,
    openRoundId: openRound.id,
    openRoundSlug: openRound.slug,
    assessmentRoundId: closed.id,
    assessmentRoundSlug: closed.slug,
  };
}

/** The `$name` params of a route file name, in order. */
export function paramNames(route: string): string[] {
  return route
    .replace(/\[[^\]]*\]/g, "")
    .split(".")
    .filter((s) => s.startsWith("$"))
    .map((s) => s.slice(1));
}

/**
 * Params pointing at organisation A's records (or B's). Where a name could mean several records,
 * the route decides: applicant pages take the draft, officer pages the bid under assessment, the
 * configuration pages the open round, the officer's round pages the assessment round.
 */
export function paramsFor(route: string, world: World, org: "a" | "b" = "a"): Record<string, string> {
  const o = world[org];
  const params: Record<string, string> = {};
  for (const name of paramNames(route)) {
    let value: number | string;
    switch (name) {
      case "bidId":
        value = /^applications\.\$bidId\.confirmation$/.test(route) || /^officer\./.test(route) ? o.submittedBidId : o.draftBidId;
        break;
      case "section":
        value = "project";
        break;
      case "assessmentId":
        value = o.assessmentId;
        break;
      case "attachmentId":
        value = o.attachmentId;
        break;
      case "awardId":
        value = o.awardId;
        break;
      case "kind":
        value = "final";
        break;
      case "bankDetailsId":
        value = o.bankDetailsId;
        break;
      case "returnId":
        value = o.returnId;
        break;
      case "variationId":
        value = o.variationId;
        break;
      case "organisationId":
        value = o.organisationId;
        break;
      case "districtId":
        value = world.districtId;
        break;
      case "fund":
        value = world.fundSlug;
        break;
      case "round":
        value = world.assessmentRoundSlug;
        break;
      case "fundId":
        value = world.fundId;
        break;
      case "planId":
        value = world.planId;
        break;
      case "roundId":
        value = /^manage\./.test(route) ? world.openRoundId : world.assessmentRoundId;
        break;
      case "userId":
        // A member of staff an admin may manage: the grants officer.
        value = world.users.officer;
        break;
      case "token":
        // No real token: these pages must answer a stranger's guess without revealing anything.
        value = "not-a-real-token-0123456789abcdef";
        break;
      default:
        throw new Error(`world.paramsFor: no value for $${name} in ${route}; add one`);
    }
    params[name] = String(value);
  }
  return params;
}

/** The path a route file answers on, with its params filled in. */
export function urlFor(route: string, params: Record<string, string>): string {
  const escaped: string[] = [];
  const plain = route.replace(/\[([^\]]*)\]/g, (_m, inner: string) => `\u0000${escaped.push(inner) - 1}\u0000`);
  // "_index" and pathless "_layout" segments add nothing to the path; "account_" (out of its
  // parent's layout) is still "account".
  const segments = plain
    .split(".")
    .filter((s) => s !== "" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s));
  const joined = `/${segments.join("/")}`;
  // An escaped "[.csv]" glued to the segment before it reads back as ".csv" on that segment.
  return joined.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => escaped[Number(i)]).replace(/\/\.([a-z]+)$/, ".$1");
}

/** A copy of the database as it is now (after buildWorld), to put back with restoreWorld. */
export function snapshotWorld(): string {
  const file = `${databasePath()}.world-${crypto.randomBytes(4).toString("hex")}`;
  getSqlite().prepare("VACUUM INTO ?").run(file);
  return file;
}

/** Puts a snapshot back: the next query opens the copy (migrations are already applied). */
export function restoreWorld(snapshot: string): void {
  closeDatabase();
  const file = databasePath();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.copyFileSync(snapshot, file);
}

/**
 * A hash of every row of every table, in a fixed order. Request accounting is left out: sessions'
 * last_seen_at (any request by a signed-in person may record activity) and throttle_hits (every
 * post to a throttled form is counted, refused or not: that is what stops guessing). Everything
 * else must stay put. With `accounting`, throttle counts are hashed too (to know whether to restore).
 */
export function tableChecksum({ accounting = false } = {}): string {
  const sqlite = getSqlite();
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).filter(
    (t) => accounting || t.name !== "throttle_hits",
  );
  const hash = crypto.createHash("sha256");
  for (const { name } of tables) {
    const columns = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => !(name === "sessions" && c === "last_seen_at"));
    const list = columns.map((c) => `"${c}"`).join(", ");
    const rows = sqlite.prepare(`SELECT ${list} FROM "${name}" ORDER BY ${list}`).raw().all();
    hash.update(`${name}\u0001${JSON.stringify(rows)}\u0002`);
  }
  return hash.digest("hex");
}

type Form = Record<string, string | string[]>;

/** Today in the UK as the day, month and year boxes of a GOV.UK date input. */
function ukDay(prefix: string): Form {
  const [y, m, d] = today().split("-");
  return { [`${prefix}Day`]: String(Number(d)), [`${prefix}Month`]: String(Number(m)), [`${prefix}Year`]: y };
}

/**
 * A valid form for a route's action, aimed at organisation A's records (or B's). Throws for a route
 * with an action and no form here, so a new action cannot slip past the security suites unposted.
 */
export function formFor(route: string, world: World, org: "a" | "b" = "a"): Form {
  const o = world[org];
  const db = getDb();
  switch (route) {
    case "account":
      return { currentPassword: "not-my-password-at-all", password: "quiet-meadow-lighthouse", confirmPassword: "quiet-meadow-lighthouse" };
    case "admin.staff._index":
      return { userId: String(world.users.officer), role: "finance" };
    case "admin.staff.invite":
      return { name: "Nadia Hussain", email: "nadia.hussain@opcc.example", role: "grants_officer" };
    case "applications.$bidId.$section":
      return { title: "Beeston evening boxing", summary: "Boxing and mentoring twice a week for young people at risk." };
    case "account_.two-factor._index":
      return { setUpToken: "not-a-real-set-up-token", code: "123456", password: TEST_PASSWORD };
    case "account_.two-factor.recovery-codes":
    case "account_.two-factor.turn-off":
      return { password: TEST_PASSWORD };
    case "login_.two-factor":
      return { code: "123456" };
    case "admin.subject-access":
    case "admin.subject-access[.json]":
      return { email: db.select({ email: users.email }).from(users).where(eq(users.id, o.applicantId)).get()!.email, intent: "find" };
    case "admin.retention":
      return { months: "24" };
    case "admin.staff.$userId.access":
      return { access: "remove" };
    case "admin.staff.$userId.two-factor":
    case "session.keep-alive":
    case "session.resume":
    case "applications.$bidId.check":
    case "applications.$bidId.withdraw":
    case "finance.bank-details.$bankDetailsId":
    case "logout":
    case "officer.awards.$awardId.close":
    case "officer.rounds.$roundId.release":
    case "organisations.$organisationId._index":
      return {};
    case "applications.$bidId.documents":
      return { intent: "remove", attachmentId: String(o.draftAttachmentId) };
    case "applications._index":
      return { roundId: String(world.openRoundId), organisationId: String(o.organisationId) };
    case "assess.$assessmentId._index":
      return { conflict: "no" };
    case "assess.$assessmentId.score": {
      const form: Form = { intent: "save" };
      for (const c of db.select().from(roundCriteria).where(eq(roundCriteria.roundId, world.assessmentRoundId)).all()) {
        form[`scores.${c.id}.score`] = String(Math.min(3, c.maxScore));
        form[`scores.${c.id}.comment`] = `Sound plan for ${c.name}`;
      }
      return form;
    }
    case "awards.$awardId.accept":
      return { signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", ...ukDay("acceptedOn"), declarations: DECLARATIONS.map((d) => d.value) };
    case "awards.$awardId.bank-details":
      return { accountName: "Community Group Treasurer", sortCode: "40-11-22", accountNumber: "87654321" };
    case "awards.$awardId.returns.$kind": {
      const award = db.select().from(awards).where(eq(awards.id, o.awardId)).get()!;
      const form: Form = { beneficiariesReached: "58", story: "Young people who came twice a week stayed out of trouble on those evenings.", underspend: "0.00" };
      for (const outcome of targetOutcomes(award.bidId)) form[`outcomes.${outcome.id}.achieved`] = "35";
      for (const line of currentBudgetSplit(award.id)) form[`spend.${line.budgetLineId}`] = (line.plannedPence / 100).toFixed(2);
      return form;
    }
    case "awards.$awardId.variations": {
      // The world's awards have one budget line, so the change asked for is of dates: a month later.
      const award = db.select().from(awards).where(eq(awards.id, o.awardId)).get()!;
      const [y, m] = award.endsOn.split("-").map(Number);
      return { kind: "dates", endsOnDay: "28", endsOnMonth: String((m % 12) + 1), endsOnYear: String(m === 12 ? y + 1 : y), reason: "The hall was closed for a month" };
    }
    case "finance.awards.$awardId":
      return { intent: "pay", amount: "100.00", ...ukDay("paidOn"), reference: "BACS 0001" };
    case "finance.budgets":
      return { fundId: String(world.fundId), financialYear: String(financialYearOf(new Date())), amount: "£450,000.00" };
    case "finance.csf.$districtId": {
      const fund = findPassportedFund()!;
      const priorities = currentPlanFor(fund.id)?.priorities ?? [];
      const form: Form = { fund: String(fund.id), year: String(financialYearOf(new Date())), quarter: "1", spend: "1,000.00", outcomesSummary: "312 people supported" };
      priorities.forEach((p, i) => (form[`priority.${p.id}`] = i === 0 ? "1,000.00" : "0"));
      return form;
    }
    case "finance.csf._index": {
      const fund = findPassportedFund()!;
      return { intent: "allocate", fund: String(fund.id), year: String(financialYearOf(new Date())), allocationDistrictId: String(world.districtId), allocation: "50,000.00" };
    }
    case "finance.repayments.$awardId":
      return { amount: "1.00", ...ukDay("receivedOn"), reference: "BACS REPAY" };
    case "forgot-password":
      return { email: "someone@example.org" };
    case "invitations.$token":
    case "reset-password.$token":
      return { password: "violet-canal-sunrise", confirmPassword: "violet-canal-sunrise" };
    case "join.$token":
      return { name: "Ravi Patel", password: "marble-staircase-owl" };
    case "login":
      return { email: "nobody@example.org", password: TEST_PASSWORD };
    case "manage.districts":
      return { intent: "add", name: "Harrogate" };
    case "manage.tags":
      return { intent: "add", name: "Rural Crime" };
    case "manage.outcomes":
      return { intent: "add", name: "Digital safety", kind: "outcome" };
    case "manage.funds.new":
      return { name: "Police Property Act Fund", slug: "police-property-act-fund", code: "PPAF", moneySource: "Police (Property) Act 1897", description: "Money from property the police could not return.", allocationMethod: "competitive", defaultMaxAward: "10,000.00" };
    case "manage.funds.$fundId": {
      const fund = db.select().from(funds).where(eq(funds.id, world.fundId)).get()!;
      return { name: fund.name, slug: fund.slug, code: fund.code, moneySource: fund.moneySource, description: `${fund.description} (revised)`, allocationMethod: fund.allocationMethod, defaultMaxAward: (fund.defaultMaxAwardPence / 100).toFixed(2) };
    }
    case "manage.plans.new":
    case "manage.plans.$planId":
      return { name: "Test Police and Crime Plan 2028-32", slug: "test-pcp-2028-32", area: "West Yorkshire", startsOnDay: "1", startsOnMonth: "4", startsOnYear: "2028", endsOnDay: "31", endsOnMonth: "3", endsOnYear: "2032", priorities: "Keeping People Safe\r\nSafer Places", themes: "Children and Young People" };
    case "manage.rounds.new":
    case "manage.rounds.$roundId": {
      const form: Form = {
        fundId: String(world.fundId), planId: String(world.planId), name: "Grant round 12", slug: "gr12", code: "GR12",
        summary: "Grants for community projects tackling drug and alcohol harm.", eligibility: "Constituted community groups working in West Yorkshire.",
        opensOnDay: "1", opensOnMonth: "6", opensOnYear: "2031", opensTime: "09:00", closesOnDay: "1", closesOnMonth: "7", closesOnYear: "2031", closesTime: "17:00",
        budget: "250,000.00", maxAward: "£8,000.00", deliveryStartsOnDay: "1", deliveryStartsOnMonth: "9", deliveryStartsOnYear: "2031", deliveryEndsOnDay: "31", deliveryEndsOnMonth: "8", deliveryEndsOnYear: "2032",
      };
      db.select().from(roundCriteria).where(eq(roundCriteria.roundId, world.openRoundId)).all().forEach((c, i) => {
        form[`criteria.${i}.name`] = c.name;
        form[`criteria.${i}.guidance`] = c.guidance;
        form[`criteria.${i}.maxScore`] = String(c.maxScore);
        form[`criteria.${i}.weight`] = String(c.weight);
      });
      return form;
    }
    case "officer.assessments.$assessmentId.reopen":
      return { reason: "Scored against last round's guidance" };
    case "officer.bids.$bidId._index":
      return { eligibility: "eligible" };
    case "officer.bids.$bidId.decision":
      return { outcome: "fund_full" };
    case "officer.bids.$bidId.moderate":
      return { score: "72.5", reason: "The panel agreed the plan meets priority one in full" };
    case "officer.returns.$returnId":
      return { decision: "accept", note: "" };
    case "officer.variations.$variationId":
      return { decision: "approve", note: "" };
    case "officer.rounds.$roundId._index":
      return { assessorsPerBid: "3", moderationThreshold: "15" };
    case "officer.rounds.$roundId.assign":
      return { bidIds: [String(o.submittedBidId)], assessorIds: [String(world.users.assessorUnassigned)] };
    case "officer.rounds.$roundId.decisions":
      return { intent: "apply", proposal: [`${o.submittedBidId}:fund_full:800000`] };
    case "organisations.$organisationId.members":
      return { email: "new.volunteer@example.org" };
    case "organisations.$organisationId.profile":
      return { ...VALID_PROFILE, name: "Holbeck Community Boxing" };
    case "signup":
      return { name: "Priya Sharma", organisationName: "Beeston Youth Forum", email: "priya.sharma@example.org", password: "copper-kettle-orchard", confirmPassword: "copper-kettle-orchard" };
    default:
      throw new Error(`world.formFor: no form for ${route}'s action; add one`);
  }
}
