/**
 * Bids: drafts saved page by page, submission (checked, numbered, frozen), and withdrawal. Every
 * change writes its audit event in the same transaction. Applicants reach a bid only through
 * `getBidForMember`, which returns nothing for another organisation's bid (answered as 404).
 */
import { and, asc, desc, eq, max, ne } from "drizzle-orm";
import {
  attachments,
  bidBudgetLines,
  bidDistricts,
  bidOutcomes,
  bidPriorities,
  bids,
  bidTags,
  bidThemes,
  decisions,
  funds,
  memberships,
  organisations,
  roundAssessmentSettings,
  rounds,
} from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { bidReference, canEdit, canWithdraw, type BidStatus } from "~/domain/bids/status";
import { sectionSchema, SECTIONS, type SectionKey } from "~/domain/bids/sections";
import { submissionProblems, type Answers, type SubmissionProblem } from "~/domain/bids/task-list";
import { roundStatus } from "~/domain/rounds/round-status";
import type { budgetSchema, outcomesSchema, prioritiesSchema, areaSchema, projectSchema } from "~/domain/bids/sections";
import type { BidContext } from "~/domain/bids/context";
import type { z } from "zod";
import { recordAudit } from "./audit.server";
import { bidContextFrom, loadBidChoices } from "./bid-context.server";
import { getOrganisationProfile, type OrganisationProfile } from "./organisation-profile.server";

const bidColumns = {
  id: bids.id,
  status: bids.status,
  answers: bids.answers,
  submitted: bids.submitted,
  reference: bids.reference,
  projectTitle: bids.projectTitle,
  amountRequestedPence: bids.amountRequestedPence,
  createdAt: bids.createdAt,
  updatedAt: bids.updatedAt,
  submittedAt: bids.submittedAt,
  withdrawnAt: bids.withdrawnAt,
  organisationId: bids.organisationId,
  organisationName: organisations.name,
  roundId: rounds.id,
  roundName: rounds.name,
  roundSlug: rounds.slug,
  roundCode: rounds.code,
  opensAt: rounds.opensAt,
  closesAt: rounds.closesAt,
  maxAwardPence: rounds.maxAwardPence,
  fundName: funds.name,
  fundSlug: funds.slug,
  fundCode: funds.code,
};

function bidQuery() {
  return getDb()
    .select(bidColumns)
    .from(bids)
    .innerJoin(rounds, eq(rounds.id, bids.roundId))
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId));
}

export type Bid = NonNullable<ReturnType<typeof getBidForStaff>>;

/** A bid, only if the person is a member of the organisation that made it. */
export function getBidForMember(bidId: number, userId: number) {
  return bidQuery()
    .innerJoin(memberships, and(eq(memberships.organisationId, bids.organisationId), eq(memberships.userId, userId)))
    .where(eq(bids.id, bidId))
    .get();
}

export function getBidForStaff(bidId: number) {
  return bidQuery().where(eq(bids.id, bidId)).get();
}

export function listBidsForUser(userId: number) {
  return bidQuery()
    .innerJoin(memberships, and(eq(memberships.organisationId, bids.organisationId), eq(memberships.userId, userId)))
    .orderBy(desc(bids.updatedAt))
    .all();
}

export class BidRefused extends Error {}

/** Starts a draft for an organisation the person belongs to, in a round that is open now. */
export function startBid(input: { userId: number; organisationId: number; roundId: number }, now: Date): number {
  return writeTransaction((tx) => {
    const member = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, input.userId), eq(memberships.organisationId, input.organisationId)))
      .get();
    if (!member) throw new BidRefused("not_member");
    const round = tx.select().from(rounds).where(eq(rounds.id, input.roundId)).get();
    if (!round || roundStatus(round, now) !== "open") throw new BidRefused("This round is not open for bids");
    // The database also refuses a second live bid (a partial unique index); this gives the reason.
    const live = tx
      .select({ id: bids.id, status: bids.status, reference: bids.reference })
      .from(bids)
      .where(and(eq(bids.roundId, input.roundId), eq(bids.organisationId, input.organisationId), ne(bids.status, "withdrawn")))
      .get();
    if (live?.status === "draft") return live.id;
    if (live) throw new BidRefused(`Your organisation has already submitted a bid in this round (${live.reference}). Withdraw it first if you want to start again`);
    const bid = tx
      .insert(bids)
      .values({ roundId: input.roundId, organisationId: input.organisationId, status: "draft", answers: {}, createdBy: input.userId, createdAt: now, updatedAt: now })
      .returning({ id: bids.id })
      .get();
    recordAudit(tx, { at: now, actorUserId: input.userId, action: "bid.started", subjectType: "bid", subjectId: bid.id, after: { roundId: input.roundId, organisationId: input.organisationId } });
    return bid.id;
  });
}

/** Stores one page's answers as typed (already checked by its schema) on a draft. */
export function saveSection(bidId: number, userId: number, key: SectionKey, values: Record<string, unknown>, now: Date): void {
  writeTransaction((tx) => {
    const bid = tx.select({ status: bids.status, answers: bids.answers }).from(bids).where(eq(bids.id, bidId)).get();
    if (!bid || !canEdit(bid.status as BidStatus)) throw new BidRefused("This bid has been submitted and can no longer be changed");
    const answers = { ...bid.answers, [key]: values };
    tx.update(bids).set({ answers, updatedAt: now }).where(eq(bids.id, bidId)).run();
    recordAudit(tx, { at: now, actorUserId: userId, action: "bid.section_saved", subjectType: "bid", subjectId: bidId, before: { [key]: bid.answers[key] ?? null }, after: { [key]: values } });
  });
}

export function documentKindsForBid(bidId: number): string[] {
  return getDb()
    .selectDistinct({ kind: attachments.kind })
    .from(attachments)
    .where(eq(attachments.bidId, bidId))
    .all()
    .map((r) => r.kind);
}

/**
 * What stands between a draft and submission, each with the page that fixes it. Submission passes
 * in the round's rules and the profile it has already read, so its transaction reads them once.
 */
export function problemsBeforeSubmission(
  bid: Bid,
  ctx: BidContext = bidContextFrom(loadBidChoices(bid.roundId)),
  profile: OrganisationProfile | undefined = getOrganisationProfile(bid.organisationId),
): SubmissionProblem[] {
  return submissionProblems({
    bidId: bid.id,
    organisationId: bid.organisationId,
    answers: bid.answers as Answers,
    ctx,
    profileComplete: Boolean(profile),
    documentKinds: documentKindsForBid(bid.id),
  });
}

export type SubmitResult = { ok: true; reference: string } | { ok: false; reason: "closed" | "not_draft" } | { ok: false; reason: "problems"; problems: SubmissionProblem[] };

/**
 * Submits a draft: refuses after the round's closing instant (whatever the browser showed),
 * refuses a bid with problems, numbers it within the round, freezes its content, and writes the
 * answers in rows for reports, all in one transaction.
 */
export function submitBid(bidId: number, userId: number, now: Date): SubmitResult {
  return writeTransaction((tx) => {
    const bid = getBidForMember(bidId, userId);
    if (!bid || bid.status !== "draft") return { ok: false, reason: "not_draft" } as const;
    if (roundStatus(bid, now) !== "open") return { ok: false, reason: "closed" } as const;
    const ctx = bidContextFrom(loadBidChoices(bid.roundId));
    const profile = getOrganisationProfile(bid.organisationId);
    const problems = problemsBeforeSubmission(bid, ctx, profile);
    if (problems.length > 0) return { ok: false, reason: "problems", problems } as const;
    const answers = bid.answers as Answers;
    const parsed = Object.fromEntries(SECTIONS.map((s) => [s.key, sectionSchema(s.key, ctx).parse(answers[s.key])])) as {
      project: z.output<ReturnType<typeof projectSchema>>;
      priorities: z.output<ReturnType<typeof prioritiesSchema>>;
      area: z.output<ReturnType<typeof areaSchema>>;
      budget: z.output<ReturnType<typeof budgetSchema>>;
      outcomes: z.output<ReturnType<typeof outcomesSchema>>;
    } & Record<string, unknown>;

    const sequence = (tx.select({ n: max(bids.roundSequence) }).from(bids).where(eq(bids.roundId, bid.roundId)).get()?.n ?? 0) + 1;
    const reference = bidReference(bid.fundCode, bid.roundCode, sequence);
    // Both the checked values and the answers as typed are frozen: reports read the first, people the second.
    const submitted = { answers: parsed, typed: answers, organisation: { name: bid.organisationName, ...profile }, submittedAt: now.toISOString() };
    tx.update(bids)
      .set({
        status: "submitted",
        submitted,
        reference,
        roundSequence: sequence,
        amountRequestedPence: parsed.budget.amountRequestedPence,
        projectTitle: parsed.project.title,
        submittedAt: now,
        updatedAt: now,
      })
      .where(eq(bids.id, bidId))
      .run();
    for (const id of parsed.priorities.priorityIds) tx.insert(bidPriorities).values({ bidId, priorityId: id }).run();
    for (const id of parsed.priorities.themeIds) tx.insert(bidThemes).values({ bidId, themeId: id }).run();
    for (const id of parsed.priorities.tagIds) tx.insert(bidTags).values({ bidId, tagId: id }).run();
    for (const id of parsed.area.districtIds) tx.insert(bidDistricts).values({ bidId, districtId: id }).run();
    parsed.budget.lines.forEach((line, position) => tx.insert(bidBudgetLines).values({ bidId, item: line.item, costPence: line.costPence, position }).run());
    for (const o of parsed.outcomes.outcomes) tx.insert(bidOutcomes).values({ bidId, outcomeId: o.outcomeId, target: o.target, measure: o.measure }).run();
    recordAudit(tx, { at: now, actorUserId: userId, action: "bid.submitted", subjectType: "bid", subjectId: bidId, before: { status: "draft" }, after: { status: "submitted", reference, amountRequestedPence: parsed.budget.amountRequestedPence } });
    return { ok: true, reference } as const;
  });
}

/** Withdraws a bid until a decision is made. */
export function withdrawBid(bidId: number, userId: number, now: Date): boolean {
  return writeTransaction((tx) => {
    const bid = getBidForMember(bidId, userId);
    if (!bid || !canWithdraw(bid.status as BidStatus)) return false;
    tx.update(bids).set({ status: "withdrawn", withdrawnAt: now, updatedAt: now }).where(eq(bids.id, bidId)).run();
    // A decision not yet released must not keep money committed for a bid that has gone.
    const released = tx.select({ at: roundAssessmentSettings.decisionsReleasedAt }).from(roundAssessmentSettings).where(eq(roundAssessmentSettings.roundId, bid.roundId)).get()?.at;
    const decision = tx.select().from(decisions).where(eq(decisions.bidId, bidId)).get();
    if (decision && !released) {
      tx.delete(decisions).where(eq(decisions.bidId, bidId)).run();
      recordAudit(tx, { at: now, actorUserId: userId, action: "bid.decision_removed", subjectType: "bid", subjectId: bidId, before: decision, after: { reason: "bid withdrawn" } });
    }
    recordAudit(tx, { at: now, actorUserId: userId, action: "bid.withdrawn", subjectType: "bid", subjectId: bidId, before: { status: bid.status }, after: { status: "withdrawn" } });
    return true;
  });
}

export function listBudgetLines(bidId: number) {
  return getDb().select().from(bidBudgetLines).where(eq(bidBudgetLines.bidId, bidId)).orderBy(asc(bidBudgetLines.position)).all();
}
