/**
 * Funding decisions: recorded one at a time or as a "fill by rank" scenario, always within the
 * round's budget, then released to applicants all at once.
 *
 * The budget is checked inside a BEGIN IMMEDIATE transaction, so two officers deciding at the same
 * moment queue on the write lock and the second one sees the first one's money. The database's
 * triggers (0002_assessment.sql) refuse anything over budget too; their error is answered with the
 * same refusal, never a crash.
 */
import { and, asc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { auditEvents, bids, decisions, eligibilityChecks, funds, organisationProfiles, organisations, roundAssessmentSettings, rounds, users } from "#db/schema";
import { getDb, writeTransaction, type PortalDb, type WriteTx } from "#db/client";
import { committedBy, DECISION_LABEL, NOT_FUNDED_REASONS, type DecisionOutcome } from "~/domain/decisions/budget";
import type { DecisionFields, ScenarioProposal } from "~/domain/decisions/decision-form";
import { NOT_FUNDED_REASON_CODES } from "~/domain/decisions/decision-form";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { sendMail } from "~/services/mail.server";
import { getEnv } from "~/utils/env.server";
import { recordAudit } from "../audit.server";
import { createAwardsForRound } from "../awards/award.server";
import { getRoundForStaff, listRoundBids, roundSettings } from "./round-bids.server";

type Reader = PortalDb | WriteTx;

// ---- Reading ----

/** What the round has committed, counted exactly as the database's budget trigger counts it. */
export function committedInRound(roundId: number, exceptBidId?: number, q: Reader = getDb()): number {
  const where = exceptBidId === undefined ? eq(decisions.roundId, roundId) : and(eq(decisions.roundId, roundId), ne(decisions.bidId, exceptBidId));
  const row = q.select({ total: sql<number>`coalesce(sum(${decisions.amountPence}), 0)` }).from(decisions).where(where).get();
  return Number(row?.total ?? 0);
}

/** A route's id parameter as a row id, or null for anything that is not a positive whole number. */
export function idFromParam(param: string | undefined): number | null {
  const id = Number(param);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function findRound(roundIdParam: string | undefined) {
  const id = idFromParam(roundIdParam);
  return id === null ? undefined : getRoundForStaff(id);
}

export function decisionsReleasedAt(roundId: number): Date | null {
  return roundSettings(roundId).decisionsReleasedAt ?? null;
}

type Decidable = { closesAt: Date; opensAt: Date; released: boolean; eligible: boolean | null; status: string };

/** Why a bid cannot be decided now, in words for the officer; null when it can. */
export function whyNotDecidable(bid: Decidable, now: Date): string | null {
  if (roundStatus(bid, now) !== "closed") return "Decisions can be recorded once the round has closed";
  if (bid.released) return "Decisions for this round have been released to applicants, so they can no longer be changed";
  if (bid.status === "withdrawn") return "This bid has been withdrawn";
  if (bid.eligible !== true || bid.status !== "under_assessment") return "Only bids found eligible can be given a decision";
  return null;
}

/** One bid with everything its decision page shows; undefined for drafts and unknown ids. */
export function getBidForDecision(bidId: number) {
  const base = getDb().select({ roundId: bids.roundId }).from(bids).where(eq(bids.id, bidId)).get();
  if (!base) return undefined;
  const ranked = listRoundBids(base.roundId);
  const bid = ranked.find((b) => b.id === bidId);
  const round = getRoundForStaff(base.roundId);
  if (!bid || !round) return undefined;
  const rank = ranked.filter((b) => b.eligible === true).findIndex((b) => b.id === bidId);
  return {
    bid,
    rank: rank < 0 ? null : rank + 1,
    round,
    releasedAt: decisionsReleasedAt(round.id),
    committedElsewherePence: committedInRound(round.id, bidId),
  };
}

// ---- Recording one decision ----

export type DecisionInput = DecisionFields & { bidId: number; officerId: number };

export type OverBudget = { ok: false; code: "over_budget"; budgetPence: number; committedElsewherePence: number; overByPence: number; message: string };
export type DecisionResult =
  | { ok: true; roundId: number }
  | { ok: false; code: "not_found" }
  | { ok: false; code: "not_decidable" | "invalid"; message: string }
  | OverBudget;

function overBudget(budgetPence: number, committedElsewherePence: number, amountPence: number): OverBudget {
  const overByPence = committedElsewherePence + amountPence - budgetPence;
  return { ok: false, code: "over_budget", budgetPence, committedElsewherePence, overByPence, message: `This would take the round ${formatPence(overByPence)} over its budget of ${formatPence(budgetPence)}` };
}

/** better-sqlite3 throws the trigger's RAISE(ABORT, ...) message; a wrapper may keep it as the cause. */
function isBudgetTriggerError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e.message.includes("round budget exceeded")) return true;
  }
  return false;
}

/** The rules for each outcome, enforced here whatever the form sent. Returns the amount committed. */
function checkFields(input: DecisionFields, amountRequestedPence: number): { amountPence: number } | { message: string } {
  switch (input.outcome) {
    case "fund_full":
      return { amountPence: amountRequestedPence };
    case "fund_part":
      if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0 || input.amountPence >= amountRequestedPence) {
        return { message: "A part award must be more than £0 and less than the amount requested" };
      }
      if (!input.reason?.trim()) return { message: "Give the reason for funding the bid in part" };
      return { amountPence: input.amountPence };
    case "not_funded":
      if (!NOT_FUNDED_REASON_CODES.includes(input.reasonCode ?? "")) return { message: "Choose a reason from the list" };
      if (!input.feedback?.trim()) return { message: "Give feedback for the applicant" };
      return { amountPence: 0 };
    case "reserve":
      return { amountPence: 0 };
    default:
      return { message: "Choose a decision" };
  }
}

function decisionSnapshot(row: { outcome: string; amountPence: number; reasonCode: string | null; reason: string | null; feedback: string | null } | undefined) {
  return row ? { outcome: row.outcome, amountPence: row.amountPence, reasonCode: row.reasonCode, reason: row.reason, feedback: row.feedback } : null;
}

function bidForDecision(tx: WriteTx, bidId: number) {
  return tx
    .select({
      id: bids.id,
      roundId: bids.roundId,
      status: bids.status,
      amountRequestedPence: bids.amountRequestedPence,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      budgetPence: rounds.budgetPence,
      eligible: eligibilityChecks.eligible,
      releasedAt: roundAssessmentSettings.decisionsReleasedAt,
    })
    .from(bids)
    .innerJoin(rounds, eq(rounds.id, bids.roundId))
    .leftJoin(eligibilityChecks, eq(eligibilityChecks.bidId, bids.id))
    .leftJoin(roundAssessmentSettings, eq(roundAssessmentSettings.roundId, bids.roundId))
    .where(eq(bids.id, bidId))
    .get();
}

/** Records (or changes) one bid's decision, if the round's budget allows it. Refusals are results, not throws. */
export function recordDecision(input: DecisionInput, now: Date): DecisionResult {
  try {
    return writeTransaction((tx): DecisionResult => {
      const bid = bidForDecision(tx, input.bidId);
      if (!bid) return { ok: false, code: "not_found" };
      const why = whyNotDecidable({ ...bid, released: bid.releasedAt !== null }, now);
      if (why) return { ok: false, code: "not_decidable", message: why };
      const checked = checkFields(input, bid.amountRequestedPence ?? 0);
      if ("message" in checked) return { ok: false, code: "invalid", message: checked.message };
      const committedElsewhere = committedInRound(bid.roundId, bid.id, tx);
      if (committedElsewhere + checked.amountPence > bid.budgetPence) return overBudget(bid.budgetPence, committedElsewhere, checked.amountPence);
      const before = tx.select().from(decisions).where(eq(decisions.bidId, bid.id)).get();
      const row = {
        bidId: bid.id,
        roundId: bid.roundId,
        outcome: input.outcome,
        amountPence: committedBy(input.outcome, checked.amountPence),
        reasonCode: input.outcome === "not_funded" ? input.reasonCode : null,
        reason: input.outcome === "fund_part" ? input.reason : null,
        feedback: input.outcome === "not_funded" ? input.feedback : null,
        decidedBy: input.officerId,
        decidedAt: now,
      };
      if (before) tx.update(decisions).set(row).where(eq(decisions.bidId, bid.id)).run();
      else tx.insert(decisions).values(row).run();
      recordAudit(tx, { at: now, actorUserId: input.officerId, action: "bid.decided", subjectType: "bid", subjectId: bid.id, before: decisionSnapshot(before), after: decisionSnapshot(row) });
      return { ok: true, roundId: bid.roundId };
    });
  } catch (error) {
    if (!isBudgetTriggerError(error)) throw error;
    // The last line of defence fired: answer as the check above would have, with today's figures.
    const bid = getDb().select({ roundId: bids.roundId, budgetPence: rounds.budgetPence, requested: bids.amountRequestedPence }).from(bids).innerJoin(rounds, eq(rounds.id, bids.roundId)).where(eq(bids.id, input.bidId)).get()!;
    const amount = input.outcome === "fund_full" ? (bid.requested ?? 0) : input.amountPence;
    return overBudget(bid.budgetPence, committedInRound(bid.roundId, input.bidId), amount);
  }
}

// ---- Committing a fill-by-rank scenario ----

export type ScenarioResult = { ok: true; decided: number } | { ok: false; code: "not_found" } | { ok: false; code: "refused"; message: string } | OverBudget;

/**
 * Commits every proposal or none: every check runs before the first write, and the transaction
 * rolls back if the database's budget trigger refuses any row. Proposals only fill bids that had no
 * decision when the officer previewed them: if anyone has decided one since, the officer is asked
 * to look again rather than have a decision overwritten by a scenario they did not see.
 */
export function applyScenario(roundId: number, proposals: readonly ScenarioProposal[], officerId: number, now: Date): ScenarioResult {
  const refused = (message: string): ScenarioResult => ({ ok: false, code: "refused", message });
  try {
    return writeTransaction((tx): ScenarioResult => {
      const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
      if (!round) return { ok: false, code: "not_found" };
      if (proposals.length === 0 || new Set(proposals.map((p) => p.bidId)).size !== proposals.length) return refused("The proposal could not be read. Preview the scenario again");
      const releasedAt = tx.select({ at: roundAssessmentSettings.decisionsReleasedAt }).from(roundAssessmentSettings).where(eq(roundAssessmentSettings.roundId, roundId)).get()?.at ?? null;
      let total = 0;
      for (const proposal of proposals) {
        const bid = bidForDecision(tx, proposal.bidId);
        if (!bid || bid.roundId !== roundId) return refused("The proposal names a bid that is not in this round. Preview the scenario again");
        const why = whyNotDecidable({ ...bid, released: releasedAt !== null }, now);
        if (why) return refused(why);
        if (tx.select({ bidId: decisions.bidId }).from(decisions).where(eq(decisions.bidId, bid.id)).get()) {
          return refused("Decisions have changed since you previewed this scenario. Preview it again before committing it");
        }
        const expected = proposal.outcome === "fund_full" ? bid.amountRequestedPence : 0;
        if (proposal.amountPence !== expected) return refused("A bid's amount has changed since you previewed this scenario. Preview it again");
        total += proposal.amountPence;
      }
      const committed = committedInRound(roundId, undefined, tx);
      if (committed + total > round.budgetPence) return overBudget(round.budgetPence, committed, total);
      for (const proposal of proposals) {
        const row = { bidId: proposal.bidId, roundId, outcome: proposal.outcome, amountPence: proposal.amountPence, reasonCode: null, reason: null, feedback: null, decidedBy: officerId, decidedAt: now };
        tx.insert(decisions).values(row).run();
        recordAudit(tx, { at: now, actorUserId: officerId, action: "bid.decided", subjectType: "bid", subjectId: proposal.bidId, before: null, after: { ...decisionSnapshot(row), scenario: "fill_by_rank" } });
      }
      return { ok: true, decided: proposals.length };
    });
  } catch (error) {
    if (!isBudgetTriggerError(error)) throw error;
    const round = getRoundForStaff(roundId)!;
    return overBudget(round.budgetPence, committedInRound(roundId), proposals.reduce((s, p) => s + p.amountPence, 0));
  }
}

// ---- Releasing decisions to applicants ----

function releaseRows(q: Reader, roundId: number) {
  return q
    .select({
      bidId: bids.id,
      reference: bids.reference,
      projectTitle: bids.projectTitle,
      status: bids.status,
      organisationId: bids.organisationId,
      organisationName: organisations.name,
      amountRequestedPence: bids.amountRequestedPence,
      createdBy: bids.createdBy,
      eligible: eligibilityChecks.eligible,
      eligibilityReason: eligibilityChecks.reason,
      outcome: decisions.outcome,
      amountPence: decisions.amountPence,
      reasonCode: decisions.reasonCode,
      reason: decisions.reason,
      feedback: decisions.feedback,
    })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .leftJoin(eligibilityChecks, eq(eligibilityChecks.bidId, bids.id))
    .leftJoin(decisions, eq(decisions.bidId, bids.id))
    // Awarded and not funded appear only once released, so the check page can show what was said.
    .where(and(eq(bids.roundId, roundId), inArray(bids.status, ["submitted", "under_assessment", "awarded", "not_funded"])))
    .orderBy(asc(bids.roundSequence))
    .all();
}

type ReleaseRow = ReturnType<typeof releaseRows>[number];

/** Ineligible bids are told they were not funded, with the eligibility reason as their feedback. */
const INELIGIBLE_FEEDBACK = NOT_FUNDED_REASONS.find((r) => r.code === "ineligible")!.text;

/** What releasing now would do: which bids get which outcome, and what still stops it. */
function planRelease(rows: readonly ReleaseRow[]) {
  const unchecked = rows.filter((r) => r.eligible === null);
  const undecided = rows.filter((r) => r.eligible === true && r.outcome === null);
  const outcomes = rows
    .filter((r) => r.eligible === false || (r.eligible === true && r.outcome !== null))
    .map((r) => {
      if (r.eligible === false) return { ...r, outcome: "not_funded" as const, amountPence: 0, reasonCode: "ineligible", reason: null, feedback: r.eligibilityReason?.trim() || INELIGIBLE_FEEDBACK, ineligible: true };
      return { ...r, outcome: r.outcome as DecisionOutcome, amountPence: r.amountPence ?? 0, ineligible: false };
    });
  return { unchecked, undecided, outcomes };
}

/** For the check page: what will be released and what is still missing. */
export function releaseCheck(roundId: number) {
  const plan = planRelease(releaseRows(getDb(), roundId));
  return { ...plan, releasedAt: decisionsReleasedAt(roundId) };
}

/** Reserve bids are neither awarded nor refused: they stay under assessment in case money comes back. */
const STATUS_AFTER_RELEASE: Record<DecisionOutcome, "awarded" | "not_funded" | "under_assessment"> = {
  fund_full: "awarded",
  fund_part: "awarded",
  reserve: "under_assessment",
  not_funded: "not_funded",
};

export type OutcomeNotice = {
  bidId: number;
  to: string[];
  reference: string | null;
  projectTitle: string | null;
  organisationName: string;
  fundName: string;
  roundName: string;
  outcome: DecisionOutcome;
  amountPence: number;
  amountRequestedPence: number;
  reason: string | null;
  reasonText: string | null;
  feedback: string | null;
};

export type ReleaseResult =
  | { ok: true; notices: OutcomeNotice[] }
  | { ok: false; code: "not_found" }
  | { ok: false; code: "refused"; message: string }
  | { ok: false; code: "incomplete"; undecided: ReleaseRow[]; unchecked: ReleaseRow[] };

/** The person who pressed submit (from the audit trail), else whoever started the draft. */
function submitterEmail(tx: WriteTx, bidId: number, createdBy: number): string | undefined {
  const submitted = tx
    .select({ actor: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "bid"), eq(auditEvents.subjectId, String(bidId)), eq(auditEvents.action, "bid.submitted"), isNotNull(auditEvents.actorUserId)))
    .get();
  return tx.select({ email: users.email }).from(users).where(eq(users.id, submitted?.actor ?? createdBy)).get()?.email;
}

/**
 * Releases every decision in the round at once, so no applicant hears before another. Refused
 * until every bid has been checked for eligibility and every eligible bid has a decision. Returns
 * who to tell; the caller sends the emails after the commit.
 */
export function releaseDecisions(roundId: number, officerId: number, now: Date): ReleaseResult {
  return writeTransaction((tx): ReleaseResult => {
    const round = tx.select({ id: rounds.id, name: rounds.name, opensAt: rounds.opensAt, closesAt: rounds.closesAt, fundName: funds.name }).from(rounds).innerJoin(funds, eq(funds.id, rounds.fundId)).where(eq(rounds.id, roundId)).get();
    if (!round) return { ok: false, code: "not_found" };
    if (roundStatus(round, now) !== "closed") return { ok: false, code: "refused", message: "Decisions can be released once the round has closed" };
    const settings = tx.select().from(roundAssessmentSettings).where(eq(roundAssessmentSettings.roundId, roundId)).get();
    if (settings?.decisionsReleasedAt) return { ok: false, code: "refused", message: "Decisions for this round have already been released" };
    const plan = planRelease(releaseRows(tx, roundId));
    if (plan.undecided.length > 0 || plan.unchecked.length > 0) return { ok: false, code: "incomplete", undecided: plan.undecided, unchecked: plan.unchecked };

    if (settings) tx.update(roundAssessmentSettings).set({ decisionsReleasedAt: now, releasedBy: officerId }).where(eq(roundAssessmentSettings.roundId, roundId)).run();
    else tx.insert(roundAssessmentSettings).values({ roundId, decisionsReleasedAt: now, releasedBy: officerId }).run();

    const notices: OutcomeNotice[] = [];
    for (const bid of plan.outcomes) {
      if (bid.ineligible) {
        // Ineligible bids get a decision row too, so the applicant's page and any report read one table.
        const row = { bidId: bid.bidId, roundId, outcome: bid.outcome, amountPence: 0, reasonCode: bid.reasonCode, reason: null, feedback: bid.feedback, decidedBy: officerId, decidedAt: now };
        tx.insert(decisions).values(row).onConflictDoUpdate({ target: decisions.bidId, set: row }).run();
        recordAudit(tx, { at: now, actorUserId: officerId, action: "bid.decided", subjectType: "bid", subjectId: bid.bidId, before: null, after: { ...decisionSnapshot(row), ineligible: true } });
      }
      const status = STATUS_AFTER_RELEASE[bid.outcome];
      tx.update(bids).set({ status, updatedAt: now }).where(eq(bids.id, bid.bidId)).run();
      recordAudit(tx, { at: now, actorUserId: officerId, action: "bid.decision_released", subjectType: "bid", subjectId: bid.bidId, before: { status: bid.status }, after: { status, outcome: bid.outcome, amountPence: bid.amountPence } });
      const contact = tx.select({ email: organisationProfiles.contactEmail }).from(organisationProfiles).where(eq(organisationProfiles.organisationId, bid.organisationId)).get()?.email;
      notices.push({
        bidId: bid.bidId,
        to: [...new Set([submitterEmail(tx, bid.bidId, bid.createdBy), contact].filter((e): e is string => Boolean(e)))],
        reference: bid.reference,
        projectTitle: bid.projectTitle,
        organisationName: bid.organisationName,
        fundName: round.fundName,
        roundName: round.name,
        outcome: bid.outcome,
        amountPence: bid.amountPence,
        amountRequestedPence: bid.amountRequestedPence ?? 0,
        reason: bid.reason,
        reasonText: reasonText(bid.reasonCode),
        feedback: bid.feedback,
      });
    }
    // Offers and their commitments in the ledger are made in this same transaction: all or nothing.
    createAwardsForRound(tx, roundId, officerId, now);
    const count = (outcome: DecisionOutcome) => plan.outcomes.filter((o) => o.outcome === outcome).length;
    recordAudit(tx, {
      at: now,
      actorUserId: officerId,
      action: "round.decisions_released",
      subjectType: "round",
      subjectId: roundId,
      before: { decisionsReleasedAt: null },
      after: { decisionsReleasedAt: now.toISOString(), fundFull: count("fund_full"), fundPart: count("fund_part"), reserve: count("reserve"), notFunded: count("not_funded"), committedPence: committedInRound(roundId, undefined, tx) },
    });
    return { ok: true, notices };
  });
}

function reasonText(code: string | null): string | null {
  return NOT_FUNDED_REASONS.find((r) => r.code === code)?.text ?? null;
}

// ---- What the applicant sees ----

/** The outcome an applicant may see: null until the round's decisions are released. */
export function releasedOutcomeForBid(bidId: number) {
  const row = getDb()
    .select({
      outcome: decisions.outcome,
      amountPence: decisions.amountPence,
      reasonCode: decisions.reasonCode,
      reason: decisions.reason,
      feedback: decisions.feedback,
      status: bids.status,
      amountRequestedPence: bids.amountRequestedPence,
      releasedAt: roundAssessmentSettings.decisionsReleasedAt,
    })
    .from(decisions)
    .innerJoin(bids, eq(bids.id, decisions.bidId))
    .innerJoin(roundAssessmentSettings, eq(roundAssessmentSettings.roundId, decisions.roundId))
    .where(and(eq(decisions.bidId, bidId), isNotNull(roundAssessmentSettings.decisionsReleasedAt)))
    .get();
  if (!row || !row.releasedAt || row.status === "withdrawn") return null;
  return {
    outcome: row.outcome,
    label: DECISION_LABEL[row.outcome],
    amountPence: row.amountPence,
    amountRequestedPence: row.amountRequestedPence ?? 0,
    reason: row.reason,
    reasonText: reasonText(row.reasonCode),
    feedback: row.feedback,
    releasedAt: row.releasedAt,
  };
}

export type ReleasedOutcome = NonNullable<ReturnType<typeof releasedOutcomeForBid>>;

// ---- Telling applicants ----

export function outcomeEmail(notice: OutcomeNotice): { subject: string; text: string } {
  const bid = `${notice.organisationName}'s bid ${notice.reference ?? ""} (${notice.projectTitle ?? "your project"}) to the ${notice.fundName}, ${notice.roundName}`;
  const body: string[] = [];
  if (notice.outcome === "fund_full" || notice.outcome === "fund_part") {
    body.push(`We are pleased to tell you that ${bid} has been awarded ${formatPence(notice.amountPence)}.`);
    if (notice.outcome === "fund_part") body.push("", `This is part of the ${formatPence(notice.amountRequestedPence)} you asked for, because: ${notice.reason}`);
    body.push("", "Your grant offer, with its conditions, is waiting for you in the portal: sign in, open your bid and follow the link to your grant to give your bank details and accept the offer.");
  } else if (notice.outcome === "reserve") {
    body.push(`${bid} has been placed on the reserve list. It has not been funded at this stage.`, "", "If money becomes available in this round, we will contact you.");
  } else {
    body.push(`We are sorry to tell you that ${bid} has not been funded.`, "", `Reason: ${notice.reasonText ?? "Not funded"}`);
    if (notice.feedback) body.push("", "Feedback from the panel:", notice.feedback);
  }
  body.push("", `You can see the decision at ${getEnv().PUBLIC_URL}/applications/${notice.bidId}`);
  return { subject: `Decision on your bid: ${notice.reference ?? notice.projectTitle ?? "your bid"}`, text: body.join("\n") };
}

/** One email per bid, to the submitter and the organisation's contact. A failed send does not stop the others. */
export async function sendOutcomeEmails(notices: readonly OutcomeNotice[]): Promise<{ sent: number; failed: number[] }> {
  const results = await Promise.allSettled(
    notices.map(async (n) => {
      if (n.to.length === 0) throw new Error("no address");
      await sendMail({ to: n.to.join(", "), ...outcomeEmail(n) });
    }),
  );
  return { sent: results.filter((r) => r.status === "fulfilled").length, failed: notices.filter((_, i) => results[i].status === "rejected").map((n) => n.bidId) };
}
