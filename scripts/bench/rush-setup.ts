/**
 * `npx tsx scripts/bench/rush-setup.ts <out.json> <applicants> <closesInSeconds>` (with
 * DATABASE_PATH, UPLOAD_DIR and the server's NODE_ENV/DEMO_MODE, so cookies carry the server's
 * name): the people and records the deadline-day measurements need, on an already generated data
 * set, written through the app's own model functions wherever one exists.
 *
 * - A round of the Mayor's Safer Communities Fund that opened four weeks ago and closes
 *   `closesInSeconds` after this script finishes (its closing time is set last, with the app's
 *   `updateRound`, so the time spent here does not eat into the rush's last minute).
 * - `applicants` organisations, each with one applicant, a complete profile (half registered
 *   charities, a fifth community interest companies, the rest constituted groups), the three
 *   documents (real files under UPLOAD_DIR) and a draft bid in that round with every page saved
 *   except the last one (safeguarding and declarations), which the rush posts before submitting.
 * - For each applicant a session that started two minutes ago (so, as for someone who has been
 *   typing the last page, their first request of the rush writes the session's activity back),
 *   and the Cookie header for it.
 * - For the demo assessor: 120 assessments across the two most recent generated rounds (submitted,
 *   in progress, not started, conflicts) and a session that has passed the second factor, as a
 *   staff session must (staff-session.ts).
 *
 * Prints "progress: ..." lines as it goes, then one JSON line (timings), and writes everything the
 * bench needs to `out.json`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { addDays } from "date-fns";
import { and, desc, eq, inArray, like } from "drizzle-orm";
import { closeDatabase, getDb, getSqlite, writeTransaction } from "#db/client";
import { bids, eligibilityChecks, funds, memberships, organisations, plans, roundCriteria, rounds } from "#db/schema";
import { SECTIONS, type SectionKey } from "~/domain/bids/sections";
import { weightedScore } from "~/domain/assessment/scoring";
import { organisationProfileSchema } from "~/domain/organisations/profile";
import { instantToLondonWallClock } from "~/domain/time/london";
import { saveAttachment } from "~/models/attachment.server";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { saveSection, startBid } from "~/models/bid.server";
import { saveOrganisationProfile } from "~/models/organisation-profile.server";
import { createRound, updateRound } from "~/models/round-config.server";
import { createSession } from "~/models/session.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { uploadDir } from "~/services/file-storage.server";
import { serializeSessionCookie } from "~/utils/session.server";
import { staffSessionCookie } from "./staff-session";
import { NO_SIGN_IN, seededRandom } from "../seed/gr1";
import { DEFAULT_CRITERIA, MSCF_ELIGIBILITY } from "../seed/west-yorkshire";

export type RushApplicant = { userId: number; organisationId: number; bidId: number; cookie: string; body: string };
export type RushSetup = {
  round: { id: number; fundSlug: string; slug: string; closesAt: string };
  applicants: RushApplicant[];
  /** The page the rush saves (each applicant's form for it is in `applicants`). */
  lastSection: SectionKey;
  assessor: { email: string; cookie: string; assessments: number };
  setupMs: number;
};

const FUND = "mayors-safer-communities-fund";
const ASSESSOR = "assessor@example.org";
const ADMIN = "admin@example.org";
const LAST = "safeguarding" satisfies SectionKey;
const DAY = 86_400_000;
const PLACES = ["Leeds", "Bradford", "Halifax", "Huddersfield", "Wakefield", "Keighley", "Dewsbury", "Pontefract"];
const TOPICS = ["Youth diversion nights", "Recovery cafe", "Safer streets walkabouts", "Domestic abuse drop-in", "Hate crime reporting centre", "Mentoring for care leavers"];
/** Minimal but real PDF bytes: the documents are only counted at submission. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

const [outArg, countArg, closesInArg] = process.argv.slice(2);
if (!outArg || !countArg || !closesInArg) throw new Error("usage: rush-setup.ts <out.json> <applicants> <closesInSeconds>");
const count = Number(countArg);
const closesInMs = Number(closesInArg) * 1000;
const started = Date.now();
const random = seededRandom(7);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const db = getDb();
const fund = db.select().from(funds).where(eq(funds.slug, FUND)).get();
if (!fund) throw new Error(`No fund ${FUND}: generate the scale data first`);
const admin = findUserByEmail(ADMIN);
const assessor = findUserByEmail(ASSESSOR);
if (!admin || !assessor) throw new Error("The demo accounts are missing: generate the scale data first");

// ---------------------------------------------------------------- the round

const now = new Date();
const today = instantToLondonWallClock(now).date;
const plan = db.select().from(plans).all().filter((p) => p.startsOn <= today).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
const roundInput = {
  fundId: fund.id,
  planId: plan.id,
  name: "Deadline-day round",
  slug: "deadline-day",
  code: "DD",
  summary: "Grants of up to £8,000 for community groups making West Yorkshire safer. Generated for the deadline-day benchmark.",
  eligibility: MSCF_ELIGIBILITY,
  budgetPence: 50_000_000,
  maxAwardPence: 800_000,
  opensAt: new Date(now.getTime() - 28 * DAY),
  // Provisional: set to `closesInSeconds` from the end of this script, below.
  closesAt: new Date(now.getTime() + DAY),
  deliveryStartsOn: instantToLondonWallClock(addDays(now, 60)).date,
  deliveryEndsOn: instantToLondonWallClock(addDays(now, 425)).date,
  criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
};
const round = createRound(admin.id, roundInput, now);
const choices = loadBidChoices(round.id);
const ctx = bidContextFrom(choices);

// ---------------------------------------------------------------- applicants

function answersFor(i: number, place: string): Record<Exclude<SectionKey, typeof LAST>, Record<string, unknown>> {
  const [y, m, d] = ctx.deliveryStartsOn.split("-");
  const [ey, em, ed] = ctx.deliveryEndsOn.split("-");
  const topic = pick(TOPICS);
  const first = 1_000 + Math.floor(random() * 4_000);
  const second = 500 + Math.floor(random() * 2_000);
  const priorityIds = [...new Set([pick(choices.priorities), pick(choices.priorities)].map((p) => String(p.id)))];
  const tagIds = [...new Set([pick(choices.tags), ...(random() < 0.3 ? [choices.tags.find((t) => t.name === "Drugs and Alcohol")!] : [])].map((t) => String(t.id)))];
  const outcomes = [...new Set([pick(choices.outcomes), pick(choices.outcomes)])];
  return {
    project: { title: `${topic} in ${place}`, summary: `${topic} for people in ${place}, run by local volunteers with support from partners. Bid ${i + 1} of the deadline-day benchmark.` },
    need: {
      need: `Police and council data show a rise in incidents in ${place} on weekday evenings, and residents told us at three open meetings that young people have nowhere safe to go.`,
      activities: "Two evening sessions a week led by trained staff, a mentor on hand at each, and monthly meetings with the neighbourhood policing team to share what we learn.",
    },
    priorities: { priorityIds, themeIds: [String(pick(choices.themes).id)], tagIds },
    area: { districtIds: [String(pick(choices.districts).id)], wards: `${place} central` },
    beneficiaries: { beneficiaryCount: String(20 + Math.floor(random() * 200)), ageGroups: ["11_17", "18_25"] },
    dates: { startsOnDay: String(Number(d)), startsOnMonth: String(Number(m)), startsOnYear: y, endsOnDay: String(Number(ed)), endsOnMonth: String(Number(em)), endsOnYear: ey },
    budget: { amountRequested: String(first + second), "lines.0.item": "Session staff", "lines.0.cost": String(first), "lines.1.item": "Venue hire and equipment", "lines.1.cost": String(second), otherFunding: "" },
    outcomes: Object.fromEntries(
      outcomes.flatMap((o, row) => [
        [`outcomes.${row}.outcomeId`, String(o.id)],
        [`outcomes.${row}.target`, String(10 + Math.floor(random() * 90))],
        [`outcomes.${row}.measure`, "Attendance registers and a short survey at the start and end"],
      ]),
    ),
  };
}

/** The form the last page posts, exactly as the browser sends it (checkbox values repeated). */
function lastPageBody(i: number): string {
  const form = new URLSearchParams({ hasPolicy: "yes", leadName: `Safeguarding lead ${i + 1}` });
  for (const declaration of ["accurate", "purpose", "checks"]) form.append("declarations", declaration);
  return form.toString();
}

function profileFor(i: number, place: string, email: string) {
  const kind = i % 10 < 5 ? "registered_charity" : i % 10 < 7 ? "community_interest_company" : "constituted_group";
  return organisationProfileSchema.parse({
    name: `${place} Deadline Day Group ${String(i + 1).padStart(3, "0")}`,
    type: kind,
    charityNumber: kind === "registered_charity" ? String(2_000_000 + i) : "",
    companyNumber: kind === "community_interest_company" ? String(11_000_000 + i).padStart(8, "0") : "",
    addressLine1: `${1 + (i % 300)} Station Road`,
    addressLine2: "",
    town: place,
    postcode: "LS1 1UR",
    annualIncome: String(5_000 + i * 100),
    contactName: `Contact ${i + 1}`,
    contactEmail: email,
    contactPhone: "0113 496 0000",
  });
}

async function addDocument(bidId: number, organisationId: number, userId: number, kind: "governing_document" | "accounts" | "safeguarding_policy", at: Date) {
  const incoming = path.join(uploadDir(), ".incoming");
  await fsp.mkdir(incoming, { recursive: true });
  const tempPath = path.join(incoming, crypto.randomBytes(16).toString("hex"));
  await fsp.writeFile(tempPath, PDF);
  const sha256 = crypto.createHash("sha256").update(PDF).digest("hex");
  await saveAttachment({ bidId, organisationId, userId, kind, originalName: `${kind.replace(/_/g, "-")}.pdf`, mimeType: "application/pdf", file: { tempPath, sizeBytes: PDF.length, sha256 } }, at);
}

const applicants: RushApplicant[] = [];
const signedInAt = new Date(Date.now() - 2 * 60_000);
for (let i = 0; i < count; i++) {
  const place = pick(PLACES);
  const email = `deadline-${String(i + 1).padStart(4, "0")}@bench.example.org`;
  const at = new Date(Date.now() - 3 * DAY);
  const person = writeTransaction((tx) => {
    const user = insertUser(tx, { email, name: `Deadline applicant ${i + 1}`, passwordHash: NO_SIGN_IN, role: "applicant" }, at);
    const org = tx.insert(organisations).values({ name: `${place} Deadline Day Group ${String(i + 1).padStart(3, "0")}`, createdAt: at }).returning().get();
    tx.insert(memberships).values({ userId: user.id, organisationId: org.id, createdAt: at }).run();
    return { userId: user.id, organisationId: org.id };
  });
  saveOrganisationProfile(person.organisationId, person.userId, profileFor(i, place, email), at);
  const bidId = startBid({ ...person, roundId: round.id }, at);
  const answers = answersFor(i, place);
  for (const section of SECTIONS) if (section.key !== LAST) saveSection(bidId, person.userId, section.key, answers[section.key as Exclude<SectionKey, typeof LAST>], at);
  for (const kind of ["governing_document", "accounts", "safeguarding_policy"] as const) await addDocument(bidId, person.organisationId, person.userId, kind, at);
  const token = writeTransaction((tx) => createSession(tx, person.userId, signedInAt));
  applicants.push({ ...person, bidId, cookie: (await serializeSessionCookie(token)).split(";")[0], body: lastPageBody(i) });
  if ((i + 1) % 100 === 0) console.log(`progress: ${i + 1} of ${count} applicants ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// ---------------------------------------------------------------- the assessor's work

/** 60 eligible bids in each of the two most recent generated rounds, at every stage an assessor's list shows. */
function assignAssessor(): number {
  const recent = db
    .select({ id: rounds.id })
    .from(rounds)
    .where(like(rounds.slug, "scale-%"))
    .orderBy(desc(rounds.closesAt))
    .limit(2)
    .all()
    .map((r) => r.id);
  if (recent.length === 0) throw new Error("No generated rounds to assign the assessor to");
  const insertAssessment = getSqlite().prepare(
    "insert into assessments (bid_id, assessor_id, status, assigned_by, assigned_at, no_conflict_at, conflict_declared_at, conflict_note, submitted_at, weighted_score) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertScore = getSqlite().prepare("insert into assessment_scores (assessment_id, criterion_id, score, comment) values (?, ?, ?, ?)");
  const officer = findUserByEmail("officer@example.org")!;
  let made = 0;
  writeTransaction((tx) => {
    for (const roundId of recent) {
      const closesAt = tx.select({ at: rounds.closesAt }).from(rounds).where(eq(rounds.id, roundId)).get()!.at.getTime();
      const criteria = tx.select().from(roundCriteria).where(eq(roundCriteria.roundId, roundId)).all();
      const eligible = tx
        .select({ id: bids.id })
        .from(bids)
        .innerJoin(eligibilityChecks, and(eq(eligibilityChecks.bidId, bids.id), eq(eligibilityChecks.eligible, true)))
        .where(eq(bids.roundId, roundId))
        .orderBy(bids.roundSequence)
        .limit(60)
        .all();
      eligible.forEach((bid, j) => {
        // 36 submitted, 12 in progress, 6 declared free of conflict but not started, 4 still to declare, 2 conflicts.
        const status = j < 36 ? "submitted" : j < 48 ? "in_progress" : j < 58 ? "assigned" : "conflict";
        const assignedAt = closesAt + 5 * DAY;
        const declaredAt = status === "conflict" || j >= 54 ? null : assignedAt + DAY;
        const scores = new Map<number, number>(criteria.map((c) => [c.id, 1 + Math.floor(random() * c.maxScore)]));
        const scored = status === "submitted" ? criteria : status === "in_progress" ? criteria.slice(0, 3) : [];
        const info = insertAssessment.run(
          bid.id,
          assessor!.id,
          status,
          officer.id,
          assignedAt,
          declaredAt,
          status === "conflict" ? assignedAt + DAY : null,
          status === "conflict" ? "I volunteer with this organisation." : null,
          status === "submitted" ? assignedAt + 10 * DAY : null,
          status === "submitted" ? weightedScore(criteria, scores) : null,
        );
        for (const c of scored) insertScore.run(Number(info.lastInsertRowid), c.id, scores.get(c.id)!, "Clear evidence of local need; the budget is realistic.");
        made++;
      });
    }
  });
  return made;
}

const assessments = assignAssessor();
const assessorCookie = await staffSessionCookie(ASSESSOR);

// ---------------------------------------------------------------- the closing time, last

const closesAt = new Date(Date.now() + closesInMs);
updateRound(admin.id, round.id, { ...roundInput, closesAt }, new Date());
const check = db.select({ n: bids.id }).from(bids).where(and(eq(bids.roundId, round.id), inArray(bids.status, ["draft"]))).all().length;
if (check !== count) throw new Error(`Expected ${count} drafts in the rush round, found ${check}`);

const setup: RushSetup = {
  round: { id: round.id, fundSlug: FUND, slug: round.slug, closesAt: closesAt.toISOString() },
  applicants,
  lastSection: LAST,
  assessor: { email: ASSESSOR, cookie: assessorCookie, assessments },
  setupMs: Date.now() - started,
};
fs.writeFileSync(outArg, JSON.stringify(setup));
closeDatabase();
console.log(JSON.stringify({ applicants: applicants.length, assessments, setupMs: setup.setupMs, closesAt: setup.round.closesAt }));
