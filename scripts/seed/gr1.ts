/**
 * Demo history: grant round GR1 of the Mayor's Safer Communities Fund, from opening in October 2021
 * to the final monitoring returns in 2023, matching the published figures (scripts/seed/gr1-data.ts).
 *
 * The model functions refuse history (a bid can only be submitted while its round is open, now), and
 * going through them one bid at a time would take a commit per step. So each stage of the round is
 * written directly in ONE transaction, in the same row shapes those functions write, with their audit
 * events, and through the same tx-level helpers where they exist (createRound, appendLedgerEntry,
 * createAwardsForRound). Submitted answers are run through the bid pages' own schemas, so a bid here
 * is exactly what the portal would have frozen. Money after the release is in gr1-awards.ts.
 */
import { asc, eq } from "drizzle-orm";
import { assessments, assessmentScores, bidBudgetLines, bidDistricts, bidOutcomes, bidPriorities, bids, bidTags, decisions, eligibilityChecks, memberships, moderations, organisationProfiles, organisations, plans, roundAssessmentSettings, roundCriteria, rounds, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { weightedScore } from "~/domain/assessment/scoring";
import { sectionSchema, SECTIONS } from "~/domain/bids/sections";
import { bidReference } from "~/domain/bids/status";
import { NOT_FUNDED_REASONS } from "~/domain/decisions/budget";
import { financialYearOf } from "~/domain/money/ledger";
import { penceToInput } from "~/domain/money/money";
import { instantToLondonWallClock, londonWallClockToInstant } from "~/domain/time/london";
import { recordAudit } from "~/models/audit.server";
import { createAwardsForRound } from "~/models/awards/award.server";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { fundBudget } from "~/models/finance/budgets.server";
import { getFundBySlug } from "~/models/fund.server";
import { appendLedgerEntry } from "~/models/ledger.server";
import { createRound } from "~/models/round-config.server";
import { DEFAULT_CRITERIA, MSCF_ELIGIBILITY } from "./west-yorkshire";
import { FIRST_NAMES, GR1_PUBLISHED, gr1Entries, LAST_NAMES, OUTCOME_MEASURES, WORDING, type Gr1Entry } from "./gr1-data";
import { addDaysIso, payAwardsAndTakeReturns } from "./gr1-awards";

export const GR1 = { fundSlug: "mayors-safer-communities-fund", planSlug: "west-yorkshire-pcp-2021-24", slug: "gr1", code: "GR1" };

const at = londonWallClockToInstant;

/** The round's calendar, in UK time. */
export const GR1_DATES = {
  created: at("2021-09-20", "10:00"),
  opens: at("2021-10-04", "09:00"),
  closes: at("2021-11-05", "17:00"),
  eligibility: at("2021-11-09", "10:00"),
  assigned: at("2021-11-12", "10:00"),
  moderated: at("2021-12-15", "15:00"),
  decided: at("2022-02-16", "14:00"),
  released: at("2022-03-01", "10:00"),
  /** After the last return, repayment and closure: history must be in the past when it is seeded. */
  historyEnds: at("2023-08-01", "00:00"),
};

/** The budget and the fund's 2021-22 budget: the published awards left £41,745.07 of it uncommitted. */
const BUDGET_PENCE = 25_000_000;

/** A password hash nothing can match (argon2 cannot even parse it): historical people who never sign in. */
export const NO_SIGN_IN = "!historical-record";

export type Gr1Options = {
  /** Lets the grant holders sign in (the demo gives them the demo password); otherwise they cannot. */
  applicantPasswordHash?: string;
};

export type Gr1Summary = { roundId: number; bids: number; awards: number; awardedPence: number; exampleApplicantEmail: string };

/** A small deterministic generator (mulberry32), so the seeded history is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Gr1Staff = { adminId: number; officerId: number; financeId: number; assessorIds: [number, number] };

export type Gr1Bid = Gr1Entry & { bidId: number; userId: number; contactName: string; reference: string; lines: { id: number; costPence: number }[]; outcomes: { id: number; target: number }[] };

export function seedGr1(adminId: number, now: Date, options: Gr1Options = {}): Gr1Summary {
  if (now < GR1_DATES.historyEnds) throw new Error("GR1 is history: seed it with a clock after August 2023");
  const fund = getFundBySlug(GR1.fundSlug);
  const plan = getDb().select().from(plans).where(eq(plans.slug, GR1.planSlug)).get();
  if (!fund || !plan) throw new Error("Load the West Yorkshire configuration before GR1");

  // Round, criteria, audit and the round's budget in the ledger, as an officer would have made it.
  const round = createRound(
    adminId,
    {
      fundId: fund.id,
      planId: plan.id,
      name: "Grant round 1",
      slug: GR1.slug,
      code: GR1.code,
      summary: "The first round of the Mayor's Safer Communities Fund: grants of up to £8,000 for community projects that deliver the Police and Crime Plan 2021-24.",
      eligibility: MSCF_ELIGIBILITY,
      budgetPence: BUDGET_PENCE,
      maxAwardPence: GR1_PUBLISHED.maxAwardPence,
      opensAt: GR1_DATES.opens,
      closesAt: GR1_DATES.closes,
      deliveryStartsOn: "2022-04-01",
      deliveryEndsOn: "2023-03-31",
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
    },
    GR1_DATES.created,
  );
  writeTransaction((tx) => {
    const financialYear = financialYearOf(GR1_DATES.opens);
    if (fundBudget(fund.id, financialYear, tx) === 0) {
      appendLedgerEntry(tx, { kind: "budget_set", fundId: fund.id, financialYear, amountPence: BUDGET_PENCE, note: "£0.00 to £250,000.00" }, adminId, at("2021-09-20", "09:30"));
    }
  });

  const entries = gr1Entries();
  const staff = writeStaff(adminId);
  const people = writeOrganisations(entries, options.applicantPasswordHash ?? NO_SIGN_IN);
  const written = writeBids(round.id, fund.code, round.code, entries, people);
  writeAssessment(round.id, written, staff);
  writeDecisionsAndRelease(round.id, written, staff);
  const awards = payAwardsAndTakeReturns(round.id, written, staff);
  return { roundId: round.id, bids: written.length, awards: awards.count, awardedPence: awards.totalPence, exampleApplicantEmail: people[0].email };
}

/** The demo's officer and finance person act in the story; two made-up assessors scored the bids. */
function writeStaff(adminId: number): Gr1Staff {
  const db = getDb();
  const firstOf = (role: "grants_officer" | "finance") => db.select({ id: users.id }).from(users).where(eq(users.role, role)).orderBy(asc(users.id)).get()?.id ?? adminId;
  const assessorIds = writeTransaction((tx) =>
    ["Joanne Brearley", "Tariq Mirza"].map((name) => {
      const email = `${name.toLowerCase().replace(" ", ".")}@panel.example.org`;
      return tx.insert(users).values({ email, name, role: "assessor", passwordHash: NO_SIGN_IN, createdAt: at("2021-09-01", "09:00") }).returning({ id: users.id }).get().id;
    }),
  );
  return { adminId, officerId: firstOf("grants_officer"), financeId: firstOf("finance"), assessorIds: [assessorIds[0], assessorIds[1]] };
}

const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
const STREETS = ["Mill Lane", "Chapel Street", "Victoria Road", "Station Road", "Church Street", "Albion Street", "Market Street", "Park Road", "New Road", "Westgate"];

const slugOf = (name: string) => name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Charity numbers have at most 7 digits and company numbers are not yet near 99000000: neither can belong to a real body. */
function registrationNumbers(type: string, index: number) {
  const charity = type === "registered_charity" || type === "cio";
  const company = type === "community_interest_company" || type === "company_limited_by_guarantee";
  return { charityNumber: charity ? String(90_000_000 + index * 1_117) : null, companyNumber: company ? `99${String(100_000 + index * 37).padStart(6, "0")}` : null };
}

type Person = { userId: number; organisationId: number; name: string; email: string; profile: typeof organisationProfiles.$inferSelect };

/** One applicant, organisation, membership and profile per bid, registered a little before it. */
function writeOrganisations(entries: Gr1Entry[], passwordHash: string): Person[] {
  return writeTransaction((tx) =>
    entries.map(({ project: p, index: i }) => {
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      const last = LAST_NAMES[(i * 5 + 7) % LAST_NAMES.length];
      const name = `${first} ${last}`;
      const email = `${first}.${last}@${slugOf(p.organisation)}.example.org`.toLowerCase();
      const registered = at(addDaysIso("2021-09-06", i % 28), "19:00");
      const user = tx.insert(users).values({ email, name, role: "applicant", passwordHash, createdAt: registered }).returning({ id: users.id }).get();
      const organisation = tx.insert(organisations).values({ name: p.organisation, createdAt: registered }).returning({ id: organisations.id }).get();
      tx.insert(memberships).values({ userId: user.id, organisationId: organisation.id, createdAt: registered }).run();
      recordAudit(tx, { at: registered, actorUserId: user.id, action: "account.signed_up", subjectType: "user", subjectId: user.id, after: { email, role: "applicant", organisationId: organisation.id, organisationName: p.organisation } });
      const profile = {
        organisationId: organisation.id,
        type: p.type,
        ...registrationNumbers(p.type, i),
        addressLine1: `${(i * 7) % 90 + 1} ${STREETS[i % STREETS.length]}`,
        addressLine2: null,
        town: p.town,
        postcode: `${p.postcodeArea} ${1 + (i % 9)}${INWARD_LETTERS[i % 20]}${INWARD_LETTERS[(i * 3 + 5) % 20]}`,
        annualIncomePence: (p.type === "constituted_group" || p.type === "faith_group" ? 300_000 + i * 97_300 : 2_500_000 + i * 613_100) % 40_000_000,
        contactName: name,
        contactEmail: email,
        // Ofcom keeps 07700 900000 to 900999 for drama: these numbers reach nobody.
        contactPhone: `07700 900${String(100 + i).padStart(3, "0")}`,
        updatedAt: registered,
      };
      tx.insert(organisationProfiles).values(profile).run();
      const { organisationId: _id, updatedAt: _at, ...after } = profile;
      recordAudit(tx, { at: registered, actorUserId: user.id, action: "organisation.profile_created", subjectType: "organisation", subjectId: organisation.id, after: { name: p.organisation, ...after } });
      return { userId: user.id, organisationId: organisation.id, name, email, profile };
    }),
  );
}

/**
 * Submissions bunch towards the deadline, as they do, at waking hours (before 5pm on closing day),
 * in order, so references follow the order bids came in.
 */
function submissionTimes(count: number): Date[] {
  const start = GR1_DATES.opens.getTime() + 4 * 86_400_000;
  const span = GR1_DATES.closes.getTime() - start;
  const closingDay = instantToLondonWallClock(GR1_DATES.closes).date;
  const times = Array.from({ length: count }, (_, k) => {
    const day = instantToLondonWallClock(new Date(start + Math.round(span * (1 - (1 - (k + 1) / count) ** 2)))).date;
    const minutes = day === closingDay ? 540 + ((k * 37) % 470) : 480 + ((k * 53) % 900);
    return at(day, `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  });
  return times.sort((a, b) => a.getTime() - b.getTime());
}

function dateParts(prefix: string, iso: string) {
  const [y, m, d] = iso.split("-");
  return { [`${prefix}Day`]: String(Number(d)), [`${prefix}Month`]: String(Number(m)), [`${prefix}Year`]: y };
}

/** Budget lines in whole pounds, biggest first, the last taking the pence so they add up exactly. */
export function budgetLines(amountPence: number, items: string[]): { item: string; costPence: number }[] {
  const weights = [5, 3, 2, 1].slice(0, amountPence > 600_000 ? 4 : amountPence > 300_000 ? 3 : 2);
  const total = weights.reduce((s, w) => s + w, 0);
  const lines = weights.slice(0, -1).map((w, i) => ({ item: items[i], costPence: Math.floor((amountPence * w) / total / 100) * 100 }));
  return [...lines, { item: items[weights.length - 1], costPence: amountPence - lines.reduce((s, l) => s + l.costPence, 0) }];
}

/** The raw form values each bid page posts, as tests/factories/bids.ts `validAnswers` types them. */
function typedAnswers(e: Gr1Entry, choices: ReturnType<typeof loadBidChoices>, leadName: string): Record<string, Record<string, unknown>> {
  const p = e.project;
  const wording = WORDING[p.focus];
  const byName = <T extends { name: string; id: number }>(list: T[], name: string) => {
    const found = list.find((x) => x.name === name);
    if (!found) throw new Error(`GR1 names "${name}", which the configuration does not have`);
    return String(found.id);
  };
  const lines = budgetLines(e.requestedPence, wording.budget);
  // Targets are a share of the people reached, in fives, as groups tend to write them.
  const targets = wording.outcomes.slice(0, 3).map((name, k) => ({ name, target: Math.max(1, Math.round((p.people * [0.6, 0.45, 0.3][k]) / 5) * 5) }));
  return {
    project: { title: p.title, summary: p.summary },
    need: { need: wording.need(p), activities: wording.activities(p) },
    priorities: { priorityIds: p.priorities.map((n) => String(choices.priorities[n - 1].id)), themeIds: [], tagIds: p.tags.map((t) => byName(choices.tags, t)) },
    area: { districtIds: [byName(choices.districts, p.district)], wards: p.wards },
    beneficiaries: { beneficiaryCount: String(p.people), ageGroups: p.ages },
    dates: { ...dateParts("startsOn", ["2022-04-01", "2022-04-19", "2022-05-03", "2022-06-01"][e.index % 4]), ...dateParts("endsOn", ["2023-03-31", "2023-02-28", "2022-12-16", "2023-03-17"][(e.index * 3) % 4]) },
    budget: {
      amountRequested: penceToInput(e.requestedPence),
      ...Object.fromEntries(lines.flatMap((l, k) => [[`lines.${k}.item`, l.item], [`lines.${k}.cost`, penceToInput(l.costPence)]])),
      otherFunding: e.index % 3 === 0 ? "Volunteers give their time, and a local business donates refreshments." : "",
    },
    outcomes: Object.fromEntries(targets.flatMap((o, k) => [[`outcomes.${k}.outcomeId`, byName(choices.outcomes, o.name)], [`outcomes.${k}.target`, String(o.target)], [`outcomes.${k}.measure`, OUTCOME_MEASURES[o.name]]])),
    safeguarding: { hasPolicy: "yes", leadName, declarations: ["accurate", "purpose", "checks"] },
  };
}

/** The bids, in submission order, each frozen as `submitBid` freezes it, with its rows for reports. */
function writeBids(roundId: number, fundCode: string, roundCode: string, entries: Gr1Entry[], people: Person[]): Gr1Bid[] {
  const choices = loadBidChoices(roundId);
  const ctx = bidContextFrom(choices);
  const random = seededRandom(2021);
  const order = [...entries];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const times = submissionTimes(order.length);
  return writeTransaction((tx) =>
    order.map((e, k) => {
      const person = people[e.index];
      const sequence = k + 1;
      const reference = bidReference(fundCode, roundCode, sequence);
      const submittedAt = times[k];
      const createdAt = new Date(Math.max(GR1_DATES.opens.getTime() + 3_600_000, submittedAt.getTime() - (2 + (e.index % 12)) * 86_400_000));
      const lead = `${FIRST_NAMES[(e.index * 7 + 11) % FIRST_NAMES.length]} ${LAST_NAMES[(e.index * 11 + 5) % LAST_NAMES.length]}`;
      const typed = typedAnswers(e, choices, lead);
      const parsed = Object.fromEntries(SECTIONS.map((s) => [s.key, sectionSchema(s.key, ctx).parse(typed[s.key])]));
      const submitted = { answers: parsed, typed, organisation: { name: e.project.organisation, ...person.profile }, submittedAt: submittedAt.toISOString() };
      const status = e.result === "funded" ? "awarded" : "not_funded";
      const bid = tx
        .insert(bids)
        .values({ roundId, organisationId: person.organisationId, status, answers: typed, submitted, reference, roundSequence: sequence, amountRequestedPence: e.requestedPence, projectTitle: e.project.title, createdBy: person.userId, createdAt, updatedAt: GR1_DATES.released, submittedAt })
        .returning({ id: bids.id })
        .get();
      const answers = parsed as { priorities: { priorityIds: number[]; tagIds: number[] }; area: { districtIds: number[] }; budget: { lines: { item: string; costPence: number }[] }; outcomes: { outcomes: { outcomeId: number; target: number; measure: string }[] } };
      for (const priorityId of answers.priorities.priorityIds) tx.insert(bidPriorities).values({ bidId: bid.id, priorityId }).run();
      for (const tagId of answers.priorities.tagIds) tx.insert(bidTags).values({ bidId: bid.id, tagId }).run();
      for (const districtId of answers.area.districtIds) tx.insert(bidDistricts).values({ bidId: bid.id, districtId }).run();
      const lines = answers.budget.lines.map((l, position) => tx.insert(bidBudgetLines).values({ bidId: bid.id, item: l.item, costPence: l.costPence, position }).returning({ id: bidBudgetLines.id, costPence: bidBudgetLines.costPence }).get());
      const outcomes = answers.outcomes.outcomes.map((o) => ({ ...tx.insert(bidOutcomes).values({ bidId: bid.id, ...o }).returning({ id: bidOutcomes.id }).get(), target: o.target }));
      recordAudit(tx, { at: createdAt, actorUserId: person.userId, action: "bid.started", subjectType: "bid", subjectId: bid.id, after: { roundId, organisationId: person.organisationId } });
      recordAudit(tx, { at: submittedAt, actorUserId: person.userId, action: "bid.submitted", subjectType: "bid", subjectId: bid.id, before: { status: "draft" }, after: { status: "submitted", reference, amountRequestedPence: e.requestedPence } });
      return { ...e, bidId: bid.id, userId: person.userId, contactName: person.name, reference, lines, outcomes };
    }),
  );
}

/** Two assessors' scores for a bid: funded bids score well, the rest poorly, and they agree unless the panel had to moderate. */
function scorePair(random: () => number, criteria: { id: number; maxScore: number; weight: number }[], strong: boolean, disagree: boolean) {
  const weighted = (scores: number[]) => weightedScore(criteria, new Map(criteria.map((c, k) => [c.id, scores[k]])))!;
  for (;;) {
    const a = criteria.map(() => (strong ? 3 : 1) + Math.floor(random() * 3));
    const b = disagree ? a.map((s) => Math.max(0, s - 2)) : a.map((s) => Math.min(5, Math.max(1, s + (random() < 0.35 ? (random() < 0.5 ? -1 : 1) : 0))));
    const [wa, wb] = [weighted(a), weighted(b)];
    const mean = Math.round((wa + wb) / 2);
    const ok = disagree ? Math.abs(wa - wb) > 2_000 : Math.abs(wa - wb) <= 2_000 && (strong ? mean >= 6_200 : mean <= 5_500);
    if (ok) return [{ scores: a, weighted: wa }, { scores: b, weighted: wb }];
  }
}

const COMMENT = ["No evidence given.", "Weak: little detail or evidence.", "Some gaps; would need more detail.", "Adequate and credible.", "Good, with clear evidence.", "Strong and well evidenced."];

/** Eligibility, two submitted assessments per eligible bid, and the two moderations, in one transaction. */
function writeAssessment(roundId: number, written: Gr1Bid[], staff: Gr1Staff) {
  const criteria = getDb().select().from(roundCriteria).where(eq(roundCriteria.roundId, roundId)).orderBy(asc(roundCriteria.position)).all();
  const random = seededRandom(1103);
  writeTransaction((tx) => {
    written.forEach((b, k) => {
      const decidedAt = new Date(GR1_DATES.eligibility.getTime() + k * 7 * 60_000);
      const reason = b.unsuccessful && "ineligible" in b.unsuccessful ? b.unsuccessful.ineligible : null;
      tx.insert(eligibilityChecks).values({ bidId: b.bidId, eligible: reason === null, reason, decidedBy: staff.officerId, decidedAt }).run();
      recordAudit(tx, { at: decidedAt, actorUserId: staff.officerId, action: "bid.eligibility_recorded", subjectType: "bid", subjectId: b.bidId, before: null, after: { eligible: reason === null, reason } });
      if (reason !== null) return;
      const moderated = b.funded?.moderated ?? (b.unsuccessful && "moderated" in b.unsuccessful ? b.unsuccessful.moderated : undefined);
      // A moderated bid had one generous assessor and one harsh one, whichever way the panel went.
      const pair = scorePair(random, criteria, b.result === "funded" || Boolean(moderated), Boolean(moderated));
      pair.forEach((scored, n) => assess(tx, b, staff, staff.assessorIds[n], scored, criteria.map((c) => c.id), k + n * 3));
      if (moderated) {
        tx.insert(moderations).values({ bidId: b.bidId, score: moderated.score, reason: moderated.reason, moderatedBy: staff.officerId, moderatedAt: GR1_DATES.moderated }).run();
        recordAudit(tx, { at: GR1_DATES.moderated, actorUserId: staff.officerId, action: "bid.moderated", subjectType: "bid", subjectId: b.bidId, before: null, after: { score: moderated.score, reason: moderated.reason } });
      }
    });
  });
}

function assess(tx: WriteTx, b: Gr1Bid, staff: Gr1Staff, assessorId: number, scored: { scores: number[]; weighted: number }, criterionIds: number[], day: number) {
  const startedAt = at(addDaysIso("2021-11-15", day % 20), "10:30");
  const submittedAt = at(addDaysIso("2021-11-15", day % 20), "15:45");
  const a = tx
    .insert(assessments)
    .values({ bidId: b.bidId, assessorId, status: "submitted", assignedBy: staff.officerId, assignedAt: GR1_DATES.assigned, noConflictAt: startedAt, submittedAt, weightedScore: scored.weighted })
    .returning({ id: assessments.id })
    .get();
  const scores = criterionIds.map((criterionId, k) => ({ assessmentId: a.id, criterionId, score: scored.scores[k], comment: COMMENT[scored.scores[k]] }));
  tx.insert(assessmentScores).values(scores).run();
  recordAudit(tx, { at: GR1_DATES.assigned, actorUserId: staff.officerId, action: "assessment.assigned", subjectType: "bid", subjectId: b.bidId, after: { assessmentId: a.id, assessorId } });
  recordAudit(tx, { at: startedAt, actorUserId: assessorId, action: "assessment.no_conflict_declared", subjectType: "assessment", subjectId: a.id, before: { noConflictAt: null }, after: { bidId: b.bidId, noConflictAt: startedAt.toISOString() } });
  recordAudit(tx, { at: submittedAt, actorUserId: assessorId, action: "assessment.submitted", subjectType: "assessment", subjectId: a.id, before: { status: "in_progress" }, after: { bidId: b.bidId, status: "submitted", weightedScore: scored.weighted, scores: scores.map(({ criterionId, score, comment }) => ({ criterionId, score, comment })) } });
}

/**
 * The panel's decisions (16 February 2022) and their release on 1 March 2022, as `releaseDecisions`
 * writes it: ineligible bids get their not-funded decision at release, and the awards with their
 * commitments are made by the app's own `createAwardsForRound` in the same transaction.
 */
function writeDecisionsAndRelease(roundId: number, written: Gr1Bid[], staff: Gr1Staff) {
  const ineligibleText = NOT_FUNDED_REASONS.find((r) => r.code === "ineligible")!.text;
  writeTransaction((tx) => {
    const released = GR1_DATES.released;
    tx.insert(roundAssessmentSettings).values({ roundId, assessorsPerBid: 2, moderationThreshold: 20, decisionsReleasedAt: released, releasedBy: staff.officerId }).run();
    written.forEach((b, k) => {
      const u = b.unsuccessful;
      const ineligible = u && "ineligible" in u ? u.ineligible : null;
      const row = {
        bidId: b.bidId,
        roundId,
        outcome: b.result === "funded" ? (b.funded?.partOf ? ("fund_part" as const) : ("fund_full" as const)) : ("not_funded" as const),
        amountPence: b.awardPence,
        reasonCode: ineligible ? "ineligible" : u && "reasonCode" in u ? u.reasonCode : null,
        reason: b.funded?.partOf?.reason ?? null,
        feedback: ineligible ?? (u && "feedback" in u ? u.feedback : null),
        decidedBy: staff.officerId,
        decidedAt: ineligible ? released : new Date(GR1_DATES.decided.getTime() + k * 60_000),
      };
      tx.insert(decisions).values(row).run();
      const snapshot = { outcome: row.outcome, amountPence: row.amountPence, reasonCode: row.reasonCode, reason: row.reason, feedback: row.feedback ?? (ineligible ? ineligibleText : null) };
      recordAudit(tx, { at: row.decidedAt, actorUserId: staff.officerId, action: "bid.decided", subjectType: "bid", subjectId: b.bidId, before: null, after: ineligible ? { ...snapshot, ineligible: true } : snapshot });
      const status = b.result === "funded" ? "awarded" : "not_funded";
      recordAudit(tx, { at: released, actorUserId: staff.officerId, action: "bid.decision_released", subjectType: "bid", subjectId: b.bidId, before: { status: ineligible ? "submitted" : "under_assessment" }, after: { status, outcome: row.outcome, amountPence: row.amountPence } });
    });
    createAwardsForRound(tx, roundId, staff.officerId, released);
    const count = (outcome: string) => written.filter((b) => (b.result === "funded" ? (b.funded?.partOf ? "fund_part" : "fund_full") : "not_funded") === outcome).length;
    recordAudit(tx, {
      at: released,
      actorUserId: staff.officerId,
      action: "round.decisions_released",
      subjectType: "round",
      subjectId: roundId,
      before: { decisionsReleasedAt: null },
      after: { decisionsReleasedAt: released.toISOString(), fundFull: count("fund_full"), fundPart: count("fund_part"), reserve: 0, notFunded: count("not_funded"), committedPence: written.reduce((s, b) => s + b.awardPence, 0) },
    });
  });
}

/** True when the fund already has a round with GR1's web address name or code. */
export function gr1Exists(): boolean {
  const fund = getFundBySlug(GR1.fundSlug);
  if (!fund) return false;
  return getDb().select({ slug: rounds.slug, code: rounds.code }).from(rounds).where(eq(rounds.fundId, fund.id)).all().some((r) => r.slug === GR1.slug || r.code === GR1.code);
}
