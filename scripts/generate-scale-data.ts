/**
 * `npx tsx scripts/generate-scale-data.ts [path]` (default data/scale.db): a SEPARATE SQLite file
 * with the demo configuration and demo accounts, and 100,000 submitted bids across 50 closed and
 * decided rounds of the Mayor's Safer Communities Fund (2,000 each), with priorities, tags,
 * districts, eligibility, decisions within each round's budget, and awards with their commitments.
 * For trying reports and pages at scale: sign in with the demo accounts against this file.
 *
 * Speed: rows go in through prepared INSERT statements, one transaction per round. Bids carry only
 * a small `submitted` JSON (the shape, not the content) and no audit events. Awards are made by the
 * app's own `createAwardsForRound`, so offers, monitoring dates, commitments and their audit events
 * are exactly what a release writes.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { addDays } from "date-fns";
import { eq } from "drizzle-orm";
import { closeDatabase, databasePath, getDb, getSqlite, writeTransaction } from "#db/client";
import { districts, funds, planPriorities, plans, reportingTags } from "#db/schema";
import { bidReference } from "~/domain/bids/status";
import { NOT_FUNDED_REASONS } from "~/domain/decisions/budget";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { instantToLondonWallClock, londonWallClockToInstant } from "~/domain/time/london";
import { createAwardsForRound } from "~/models/awards/award.server";
import { bringRoundBudgetsIntoLedger, fundBudget, setFundBudget } from "~/models/finance/budgets.server";
import { ledgerEntriesFor } from "~/models/ledger.server";
import { createRound } from "~/models/round-config.server";
import { findUserByEmail } from "~/models/user.server";
import { NO_SIGN_IN, seededRandom } from "./seed/gr1";
import { isConfigured, seedConfiguration, seedDemoAccounts } from "./seed/seed";
import { DEFAULT_CRITERIA, DEMO_ACCOUNTS, DISTRICTS, MSCF_ELIGIBILITY } from "./seed/west-yorkshire";

export type ScaleOptions = { rounds: number; bidsPerRound: number; now?: Date; seed?: number; log?: (line: string) => void };
export type ScaleResult = { roundIds: number[]; bids: number; awards: number; organisations: number; ms: number };

const DAY = 86_400_000;
/** Towns and the district each is in, for organisation names and their district. */
const PLACES: Record<string, string> = {
  Bradford: "Bradford", Keighley: "Bradford", Shipley: "Bradford",
  Halifax: "Calderdale", Brighouse: "Calderdale", Todmorden: "Calderdale",
  Huddersfield: "Kirklees", Dewsbury: "Kirklees", Batley: "Kirklees",
  Leeds: "Leeds", Morley: "Leeds", Pudsey: "Leeds",
  Wakefield: "Wakefield", Pontefract: "Wakefield", Castleford: "Wakefield",
};
const KINDS = ["Youth Project", "Community Trust", "Residents' Association", "Recovery Network", "Women's Centre", "Boxing Club", "Neighbourhood Forum", "Family Support", "Arts Collective", "Mentoring Scheme"];
const TOPICS = ["Youth diversion", "Recovery support", "Safer streets", "Domestic abuse support", "Hate crime reporting", "Mentoring", "Night-time safety", "Victim support"];
const INELIGIBLE = ["The organisation is outside West Yorkshire.", "The accounts provided were out of date.", "The bid asked for capital works, which this round does not fund."];
const FEEDBACK: Record<string, string> = {
  score_below_threshold: "The bid scored below the level needed for funding.",
  budget_exhausted: "A good bid, but the round's budget was fully committed to higher-scoring bids.",
};

/** Scale rounds every five weeks, the latest closing two months before `now`, all decided and released. */
function roundDates(i: number, rounds: number, now: Date) {
  const closesOn = instantToLondonWallClock(addDays(now, -60 - (rounds - 1 - i) * 35)).date;
  const closesAt = londonWallClockToInstant(closesOn, "17:00");
  const opensAt = londonWallClockToInstant(instantToLondonWallClock(addDays(closesAt, -28)).date, "09:00");
  return { opensAt, closesAt, decidedAt: new Date(closesAt.getTime() + 35 * DAY), releasedAt: new Date(closesAt.getTime() + 45 * DAY) };
}

export async function generateScaleData(options: ScaleOptions): Promise<ScaleResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 42);

  if (!isConfigured()) seedConfiguration(now);
  await seedDemoAccounts(now);
  const staffId = (role: string) => findUserByEmail(DEMO_ACCOUNTS.find((a) => a.role === role)!.email)!.id;
  const adminId = staffId("admin");
  const officerId = staffId("grants_officer");
  bringRoundBudgetsIntoLedger(adminId, now);
  const db = getDb();
  const fund = db.select().from(funds).where(eq(funds.slug, "mayors-safer-communities-fund")).get()!;
  const tags = db.select({ id: reportingTags.id, name: reportingTags.name }).from(reportingTags).all();
  const vocabulary: Vocabulary = {
    drugsTagId: tags.find((t) => t.name === "Drugs and Alcohol")!.id,
    otherTagIds: tags.filter((t) => t.name !== "Drugs and Alcohol").map((t) => t.id),
    districtIds: db.select({ id: districts.id }).from(districts).all().map((d) => d.id),
  };
  log(`Configuration and demo accounts ready (${DISTRICTS.length} districts, ${tags.length} tags).`);

  // Twice as many organisations as bids in a round, so each round draws a different mix.
  const organisationCount = options.bidsPerRound * 2;
  const people = writeOrganisations(organisationCount, now, random);
  log(`${organisationCount.toLocaleString("en-GB")} organisations, each with an applicant and a profile.`);

  const statements = prepareStatements();
  const result: ScaleResult = { roundIds: [], bids: 0, awards: 0, organisations: organisationCount, ms: 0 };
  const years = new Set<number>([financialYearOf(now)]);
  for (let i = 0; i < options.rounds; i++) {
    const round = createScaleRound(i, options, fund.id, adminId, now, random);
    years.add(financialYearOf(round.opensAt));
    const applicants = shuffle(people.length, random)
      .slice(0, options.bidsPerRound)
      .map((o) => people[o]);
    const decided = writeTransaction((tx) => {
      const outcome = writeRoundBids(statements, { round, fundCode: fund.code, officerId, applicants, vocabulary, random });
      // The release makes the offers, monitoring dates and commitments, as the portal's own does.
      createAwardsForRound(tx, round.id, officerId, round.releasedAt);
      return outcome;
    });
    result.roundIds.push(round.id);
    result.bids += applicants.length;
    result.awards += decided.awards;
    log(`Round ${i + 1}/${options.rounds} (${round.code}): ${applicants.length.toLocaleString("en-GB")} bids, ${decided.awards} awards, ${formatPence(decided.committedPence)} of ${formatPence(round.budgetPence)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }

  // Each financial year's fund budget covers every round drawn from it (the demo's GR8 and GR9 too), so finance's pages add up.
  for (const financialYear of years) {
    const allocated = balances(ledgerEntriesFor({ fundId: fund.id, financialYear }), "round_budget_set").budgetPence;
    const set = setFundBudget({ fundId: fund.id, financialYear, amountPence: Math.max(fundBudget(fund.id, financialYear), allocated), actorId: adminId }, now);
    if (!set.ok) throw new Error(set.message);
  }
  result.ms = Date.now() - started;
  return result;
}

type Vocabulary = { drugsTagId: number; otherTagIds: number[]; districtIds: number[] };
type ScaleRound = ReturnType<typeof createScaleRound>;

/** A closed round with its criteria and its budget in the ledger, through the app's `createRound`. */
function createScaleRound(i: number, options: ScaleOptions, fundId: number, adminId: number, now: Date, random: () => number) {
  const when = roundDates(i, options.rounds, now);
  const opensOn = instantToLondonWallClock(when.opensAt).date;
  const plan = getDb().select().from(plans).all().filter((p) => p.startsOn <= opensOn).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ?? getDb().select().from(plans).get()!;
  // Enough for roughly one bid in eight, as in a real round.
  const budgetPence = Math.round((options.bidsPerRound * 60_000 * (0.8 + 0.4 * random())) / 100_000) * 100_000;
  const round = createRound(
    adminId,
    {
      fundId,
      planId: plan.id,
      name: `Scale round ${i + 1}`,
      slug: `scale-${i + 1}`,
      code: `S${String(i + 1).padStart(2, "0")}`,
      summary: "Generated for trying the portal with a large amount of data.",
      eligibility: MSCF_ELIGIBILITY,
      budgetPence,
      maxAwardPence: 800_000,
      opensAt: when.opensAt,
      closesAt: when.closesAt,
      deliveryStartsOn: instantToLondonWallClock(addDays(when.closesAt, 60)).date,
      deliveryEndsOn: instantToLondonWallClock(addDays(when.closesAt, 425)).date,
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
    },
    when.opensAt,
  );
  const priorityIds = getDb().select({ id: planPriorities.id }).from(planPriorities).where(eq(planPriorities.planId, plan.id)).all().map((p) => p.id);
  return { ...round, ...when, priorityIds };
}

function prepareStatements() {
  const sqlite = getSqlite();
  return {
    bid: sqlite.prepare(
      "insert into bids (round_id, organisation_id, status, answers, submitted, reference, round_sequence, amount_requested_pence, project_title, created_by, created_at, updated_at, submitted_at) values (?, ?, 'not_funded', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    priority: sqlite.prepare("insert into bid_priorities (bid_id, priority_id) values (?, ?)"),
    tag: sqlite.prepare("insert into bid_tags (bid_id, tag_id) values (?, ?)"),
    district: sqlite.prepare("insert into bid_districts (bid_id, district_id) values (?, ?)"),
    eligibility: sqlite.prepare("insert into eligibility_checks (bid_id, eligible, reason, decided_by, decided_at) values (?, ?, ?, ?, ?)"),
    decision: sqlite.prepare("insert into decisions (bid_id, round_id, outcome, amount_pence, reason_code, reason, feedback, decided_by, decided_at) values (?, ?, ?, ?, ?, null, ?, ?, ?)"),
    awarded: sqlite.prepare("update bids set status = 'awarded' where id = ?"),
    released: sqlite.prepare("insert into round_assessment_settings (round_id, assessors_per_bid, moderation_threshold, decisions_released_at, released_by) values (?, 2, 20, ?, ?)"),
  };
}

type RoundWork = { round: ScaleRound; fundCode: string; officerId: number; applicants: Person[]; vocabulary: Vocabulary; random: () => number };

/**
 * One round's bids with their reporting rows, eligibility and decisions, inside the caller's
 * transaction. Every bid goes in as not funded; the funded ones are marked awarded once decided.
 */
function writeRoundBids(s: ReturnType<typeof prepareStatements>, { round, fundCode, officerId, applicants, vocabulary, random }: RoundWork) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const span = round.closesAt.getTime() - round.opensAt.getTime();
  const ineligibleText = NOT_FUNDED_REASONS.find((r) => r.code === "ineligible")!.text;
  const eligible: { id: number; amount: number; score: number }[] = [];
  applicants.forEach((person, j) => {
    const sequence = j + 1;
    const submittedAt = round.opensAt.getTime() + Math.round((span * sequence) / (applicants.length + 1));
    const amount = (10 + Math.floor(random() * 71)) * 10_000 - (random() < 0.2 ? Math.floor(random() * 100) : 0);
    const title = `${pick(TOPICS)} in ${person.place}`;
    const submitted = JSON.stringify({ answers: { project: { title }, budget: { amountRequestedPence: amount } }, typed: {}, organisation: { name: person.name }, submittedAt: new Date(submittedAt).toISOString() });
    const bidId = Number(s.bid.run(round.id, person.organisationId, submitted, bidReference(fundCode, round.code, sequence), sequence, amount, title, person.userId, submittedAt - 3 * DAY, round.releasedAt.getTime(), submittedAt).lastInsertRowid);
    const priorities = new Set([pick(round.priorityIds), ...(random() < 0.3 ? [pick(round.priorityIds)] : [])]);
    for (const id of priorities) s.priority.run(bidId, id);
    // About one bid in five is tagged Drugs and Alcohol, the tag the Panel asks about.
    if (random() < 0.2) s.tag.run(bidId, vocabulary.drugsTagId);
    if (random() < 0.6) s.tag.run(bidId, pick(vocabulary.otherTagIds));
    for (const id of new Set([person.districtId, ...(random() < 0.1 ? [pick(vocabulary.districtIds)] : [])])) s.district.run(bidId, id);
    const isEligible = random() >= 0.08;
    s.eligibility.run(bidId, isEligible ? 1 : 0, isEligible ? null : pick(INELIGIBLE), officerId, round.closesAt.getTime() + 3 * DAY);
    if (isEligible) eligible.push({ id: bidId, amount, score: random() });
    else s.decision.run(bidId, round.id, "not_funded", 0, "ineligible", ineligibleText, officerId, round.releasedAt.getTime());
  });
  // Down the ranking, funding each bid that still fits: the total can never pass the budget.
  let committedPence = 0;
  let awards = 0;
  for (const bid of eligible.sort((a, b) => b.score - a.score)) {
    const fits = bid.score >= 0.3 && committedPence + bid.amount <= round.budgetPence;
    const reason = fits ? null : bid.score >= 0.3 ? "budget_exhausted" : "score_below_threshold";
    s.decision.run(bid.id, round.id, fits ? "fund_full" : "not_funded", fits ? bid.amount : 0, reason, reason ? FEEDBACK[reason] : null, officerId, round.decidedAt.getTime());
    if (!fits) continue;
    committedPence += bid.amount;
    awards++;
    s.awarded.run(bid.id);
  }
  s.released.run(round.id, round.releasedAt.getTime(), officerId);
  return { awards, committedPence };
}

/** The numbers 0..n-1 in a random order (Fisher-Yates). */
function shuffle(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

type Person = { userId: number; organisationId: number; name: string; place: string; districtId: number };

/** Organisations with one applicant each (who cannot sign in) and a profile, in one transaction. */
function writeOrganisations(count: number, now: Date, random: () => number): Person[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const sqlite = getSqlite();
  const districtByName = new Map(getDb().select({ id: districts.id, name: districts.name }).from(districts).all().map((d) => [d.name, d.id]));
  const insertUser = sqlite.prepare("insert into users (email, name, password_hash, role, created_at) values (?, ?, ?, 'applicant', ?)");
  const insertOrganisation = sqlite.prepare("insert into organisations (name, created_at) values (?, ?)");
  const insertMembership = sqlite.prepare("insert into memberships (user_id, organisation_id, created_at) values (?, ?, ?)");
  const insertProfile = sqlite.prepare(
    "insert into organisation_profiles (organisation_id, type, charity_number, company_number, address_line_1, address_line_2, town, postcode, annual_income_pence, contact_name, contact_email, contact_phone, updated_at) values (?, 'constituted_group', null, null, ?, null, ?, ?, ?, ?, ?, ?, ?)",
  );
  const at = now.getTime() - 2_000 * DAY;
  return writeTransaction(() =>
    Array.from({ length: count }, (_, i) => {
      const place = pick(Object.keys(PLACES));
      const name = `${place} ${pick(KINDS)} ${String(i + 1).padStart(5, "0")}`;
      const email = `applicant-${String(i + 1).padStart(5, "0")}@scale.example.org`;
      const userId = Number(insertUser.run(email, `Applicant ${i + 1}`, NO_SIGN_IN, at).lastInsertRowid);
      const organisationId = Number(insertOrganisation.run(name, at).lastInsertRowid);
      insertMembership.run(userId, organisationId, at);
      insertProfile.run(organisationId, `${1 + (i % 200)} High Street`, place, "LS1 1AA", 1_000_000 + i * 100, `Applicant ${i + 1}`, email, `07700 900${String(i % 1000).padStart(3, "0")}`, at);
      return { userId, organisationId, name, place, districtId: districtByName.get(PLACES[place])! };
    }),
  );
}

/** Replaces a previous scale file, but never the portal's own database or anything not SQLite. */
function prepareFile(file: string) {
  const portal = path.resolve(process.env.DATABASE_PATH || "data/portal.db");
  if (file === portal || file === path.resolve("data/portal.db")) throw new Error(`Refusing to write scale data into the portal's database (${file})`);
  if (!fs.existsSync(file)) return;
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString("latin1") !== "SQLite format 3\0") throw new Error(`${file} exists and is not a SQLite database: refusing to replace it`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  console.log(`Replacing ${file}`);
}

async function main() {
  const file = path.resolve(process.argv[2] ?? "data/scale.db");
  prepareFile(file);
  process.env.DATABASE_PATH = file;
  console.log(`Writing scale data to ${databasePath()}`);
  const result = await generateScaleData({ rounds: 50, bidsPerRound: 2_000, log: (line) => console.log(line) });
  closeDatabase();
  console.log(`Done: ${result.bids.toLocaleString("en-GB")} bids in ${result.roundIds.length} rounds, ${result.awards.toLocaleString("en-GB")} awards, in ${(result.ms / 1000).toFixed(1)} s.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
