/**
 * Awards: made when a round's decisions are released (one per funded bid, with a commitment in the
 * ledger), then accepted or declined by the organisation. Applicants reach an award only through
 * `getAwardForMember`, which finds nothing for another organisation's award (answered as 404).
 * Bank details live next door in bank-details.server.ts.
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { awardAcceptances, awardMonitoringDates, awards, bids, decisions, funds, memberships, organisations, rounds } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { maskBankDetails } from "~/domain/awards/bank-details";
import { monitoringDates, standardConditions, type Acceptance, type AwardStatus } from "~/domain/awards/offer";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { isIsoDate } from "~/domain/time/london";
import { notFound, type SignedInUser } from "~/utils/auth.server";
import { recordAudit } from "../audit.server";
import { appendLedgerEntry, ledgerEntriesFor } from "../ledger.server";
import { currentBankDetails } from "./bank-details.server";

type Reader = Pick<WriteTx, "select">;

// ---- Making awards when decisions are released ----

/** The project dates the applicant submitted; the round's delivery window if they are somehow missing. */
function projectDates(submitted: Record<string, unknown> | null, round: { deliveryStartsOn: string; deliveryEndsOn: string }) {
  const dates = (submitted?.answers as { dates?: { startsOn?: unknown; endsOn?: unknown } } | undefined)?.dates;
  const startsOn = typeof dates?.startsOn === "string" && isIsoDate(dates.startsOn) ? dates.startsOn : round.deliveryStartsOn;
  const endsOn = typeof dates?.endsOn === "string" && isIsoDate(dates.endsOn) && dates.endsOn >= startsOn ? dates.endsOn : round.deliveryEndsOn;
  return { startsOn, endsOn };
}

/**
 * Called inside the release transaction, so a round is never released without its awards nor its
 * awards made without the release. Each funded bid gets an offer with the standard conditions and
 * monitoring dates, and a commitment in the ledger against this financial year, all audited.
 * Bids that already have an award are skipped, so calling it twice makes nothing twice.
 */
export function createAwardsForRound(tx: WriteTx, roundId: number, actorId: number, now: Date): number[] {
  const round = tx
    .select({ fundId: rounds.fundId, fundName: funds.name, deliveryStartsOn: rounds.deliveryStartsOn, deliveryEndsOn: rounds.deliveryEndsOn })
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .where(eq(rounds.id, roundId))
    .get();
  if (!round) throw new Error(`No round ${roundId}`);
  const funded = tx
    .select({
      bidId: bids.id,
      organisationId: bids.organisationId,
      organisationName: organisations.name,
      reference: bids.reference,
      projectTitle: bids.projectTitle,
      submitted: bids.submitted,
      amountPence: decisions.amountPence,
    })
    .from(decisions)
    .innerJoin(bids, eq(bids.id, decisions.bidId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .leftJoin(awards, eq(awards.bidId, bids.id))
    // Status "awarded" as well as the outcome: a bid withdrawn before release is never offered money.
    .where(and(eq(decisions.roundId, roundId), inArray(decisions.outcome, ["fund_full", "fund_part"]), eq(bids.status, "awarded"), isNull(awards.id)))
    .orderBy(asc(bids.roundSequence))
    .all();
  const financialYear = financialYearOf(now);
  return funded.map((bid) => {
    const { startsOn, endsOn } = projectDates(bid.submitted, round);
    const due = monitoringDates(startsOn, endsOn);
    const reference = bid.reference ?? `bid ${bid.bidId}`;
    const conditions = standardConditions({
      organisationName: bid.organisationName,
      projectTitle: bid.projectTitle ?? "your project",
      reference,
      fundName: round.fundName,
      amountPence: bid.amountPence,
      startsOn,
      endsOn,
      interimDueOn: due.interim,
      finalDueOn: due.final,
    });
    const award = tx
      .insert(awards)
      .values({ bidId: bid.bidId, roundId, organisationId: bid.organisationId, amountPence: bid.amountPence, status: "offered", conditions, startsOn, endsOn, createdAt: now, createdBy: actorId })
      .returning()
      .get();
    tx.insert(awardMonitoringDates)
      .values([
        { awardId: award.id, kind: "interim", dueOn: due.interim },
        { awardId: award.id, kind: "final", dueOn: due.final },
      ])
      .run();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "award.created", subjectType: "award", subjectId: award.id, before: null, after: { ...award, monitoringDates: due } });
    appendLedgerEntry(tx, { kind: "commitment", fundId: round.fundId, financialYear, roundId, awardId: award.id, amountPence: bid.amountPence, reference, note: "Award offered" }, actorId, now);
    return award.id;
  });
}

// ---- Reading ----

const awardColumns = {
  id: awards.id,
  bidId: awards.bidId,
  roundId: awards.roundId,
  organisationId: awards.organisationId,
  amountPence: awards.amountPence,
  status: awards.status,
  conditions: awards.conditions,
  startsOn: awards.startsOn,
  endsOn: awards.endsOn,
  createdAt: awards.createdAt,
  reference: bids.reference,
  projectTitle: bids.projectTitle,
  organisationName: organisations.name,
  roundName: rounds.name,
  fundId: funds.id,
  fundName: funds.name,
};

function awardQuery(q: Reader = getDb()) {
  return q
    .select(awardColumns)
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(funds, eq(funds.id, rounds.fundId));
}

type AwardRow = NonNullable<ReturnType<ReturnType<typeof awardQuery>["get"]>>;

/** An award with its monitoring dates, acceptance and bank details, the last always masked. */
function withDetails(award: AwardRow) {
  const db = getDb();
  const due = db.select().from(awardMonitoringDates).where(eq(awardMonitoringDates.awardId, award.id)).all();
  const acceptance = db.select().from(awardAcceptances).where(eq(awardAcceptances.awardId, award.id)).get() ?? null;
  const bank = currentBankDetails(award.id);
  return {
    ...award,
    status: award.status as AwardStatus,
    interimDueOn: due.find((d) => d.kind === "interim")?.dueOn ?? null,
    finalDueOn: due.find((d) => d.kind === "final")?.dueOn ?? null,
    acceptance: acceptance && { signatoryName: acceptance.signatoryName, signatoryRole: acceptance.signatoryRole, acceptedOn: acceptance.acceptedOn, declarations: acceptance.declarations, acceptedAt: acceptance.acceptedAt },
    bankDetails: bank ? { ...maskBankDetails(bank), submittedAt: bank.submittedAt, awaitingConfirmation: bank.needsConfirmation && !bank.confirmedAt } : null,
  };
}

export type AwardView = ReturnType<typeof withDetails>;

/** An award, only if the person is a member of the organisation it was made to. */
export function getAwardForMember(awardId: number, userId: number): AwardView | undefined {
  const row = awardQuery()
    .innerJoin(memberships, and(eq(memberships.organisationId, awards.organisationId), eq(memberships.userId, userId)))
    .where(eq(awards.id, awardId))
    .get();
  return row && withDetails(row);
}

/** For staff pages. Bank details are masked here too: only finance's own page shows them whole. */
export function getAwardForStaff(awardId: number): AwardView | undefined {
  const row = awardQuery().where(eq(awards.id, awardId)).get();
  return row && withDetails(row);
}

export function listAwardsForUser(userId: number) {
  return awardQuery()
    .innerJoin(memberships, and(eq(memberships.organisationId, awards.organisationId), eq(memberships.userId, userId)))
    .orderBy(desc(awards.createdAt), desc(awards.id))
    .all()
    .map((a) => ({ ...a, status: a.status as AwardStatus }));
}

/** The award made on a bid the caller has already authorised, if any. */
export function awardForBid(bidId: number) {
  return getDb().select({ id: awards.id, status: awards.status }).from(awards).where(eq(awards.bidId, bidId)).get();
}

/** Loads an award for the signed-in applicant or answers 404: the one door to an award from a route. */
export function requireMemberAward(user: SignedInUser, awardIdParam: string | undefined): AwardView {
  const awardId = Number(awardIdParam);
  if (!Number.isSafeInteger(awardId) || awardId <= 0) notFound();
  return getAwardForMember(awardId, user.id) ?? notFound();
}

// ---- Accepting and declining ----

export type OfferResult = { ok: true } | { ok: false; code: "not_found" } | { ok: false; code: "refused"; message: string };

const NOT_OFFERED: Record<Exclude<AwardStatus, "offered">, string> = {
  accepted: "This offer has already been accepted",
  declined: "This offer was declined, so it can no longer be accepted or declined",
  closed: "This award is closed",
};

/** The award, if the person belongs to its organisation, read inside the caller's transaction. */
function memberAward(tx: WriteTx, awardId: number, userId: number) {
  return tx
    .select({ id: awards.id, status: awards.status, roundId: awards.roundId })
    .from(awards)
    .innerJoin(memberships, and(eq(memberships.organisationId, awards.organisationId), eq(memberships.userId, userId)))
    .where(eq(awards.id, awardId))
    .get();
}

export function acceptOffer(input: Acceptance & { awardId: number; userId: number }, now: Date): OfferResult {
  return writeTransaction((tx): OfferResult => {
    const award = memberAward(tx, input.awardId, input.userId);
    if (!award) return { ok: false, code: "not_found" };
    if (award.status !== "offered") return { ok: false, code: "refused", message: NOT_OFFERED[award.status] };
    const acceptance = { awardId: award.id, acceptedBy: input.userId, signatoryName: input.signatoryName, signatoryRole: input.signatoryRole, acceptedOn: input.acceptedOn, declarations: input.declarations, acceptedAt: now };
    tx.insert(awardAcceptances).values(acceptance).run();
    tx.update(awards).set({ status: "accepted" }).where(eq(awards.id, award.id)).run();
    recordAudit(tx, { at: now, actorUserId: input.userId, action: "award.accepted", subjectType: "award", subjectId: award.id, before: { status: award.status }, after: { status: "accepted", ...acceptance, acceptedAt: now.toISOString() } });
    return { ok: true };
  });
}

/**
 * Declining gives the money back: the award's whole net commitment is reduced to zero, against the
 * fund and financial year it was committed in, so that year's budget shows it free again.
 */
export function declineOffer(input: { awardId: number; userId: number; reason: string }, now: Date): OfferResult {
  return writeTransaction((tx): OfferResult => {
    const award = memberAward(tx, input.awardId, input.userId);
    if (!award) return { ok: false, code: "not_found" };
    if (award.status !== "offered") return { ok: false, code: "refused", message: NOT_OFFERED[award.status] };
    tx.update(awards).set({ status: "declined" }).where(eq(awards.id, award.id)).run();
    recordAudit(tx, { at: now, actorUserId: input.userId, action: "award.declined", subjectType: "award", subjectId: award.id, before: { status: award.status }, after: { status: "declined", reason: input.reason || null } });
    const entries = ledgerEntriesFor({ awardId: award.id }, tx);
    const years = new Map<string, { fundId: number; financialYear: number; entries: typeof entries }>();
    for (const e of entries) {
      const key = `${e.fundId}:${e.financialYear}`;
      if (!years.has(key)) years.set(key, { fundId: e.fundId, financialYear: e.financialYear, entries: [] });
      years.get(key)!.entries.push(e);
    }
    for (const year of years.values()) {
      const committed = balances(year.entries).committedPence;
      if (committed <= 0) continue;
      appendLedgerEntry(tx, { kind: "commitment_reduced", fundId: year.fundId, financialYear: year.financialYear, roundId: award.roundId, awardId: award.id, amountPence: committed, note: "Offer declined" }, input.userId, now);
    }
    return { ok: true };
  });
}

// Bank details and the payment check are kept in their own file; exported here too so callers have one door.
export { confirmBankDetails, paymentBlockedReason, submitBankDetails } from "./bank-details.server";
