/** Creating and changing grant rounds and their scoring criteria (staff only; see routes/manage.*). */
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { assessmentScores, bids, decisions, funds, plans, roundCriteria, rounds } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import type { RoundInput } from "~/domain/config/schemas";
import { formatPence } from "~/domain/money/money";
import { DEFAULT_CRITERIA } from "../../scripts/seed/west-yorkshire";
import { recordAudit } from "./audit.server";
import { syncRoundBudget } from "./finance/budgets.server";
import { DuplicateError } from "./fund.server";

/** What a new round's form starts with: the house scoring criteria, which officers can change. */
export function defaultCriteria() {
  return DEFAULT_CRITERIA.map((c) => ({ ...c }));
}

export function getRoundForEditing(id: number) {
  const db = getDb();
  const round = db.select().from(rounds).where(eq(rounds.id, id)).get();
  if (!round) return undefined;
  return { ...round, criteria: db.select().from(roundCriteria).where(eq(roundCriteria.roundId, id)).orderBy(asc(roundCriteria.position)).all() };
}

export function listRoundsForStaff() {
  return getDb()
    .select({ round: rounds, fundName: funds.name, fundSlug: funds.slug, planName: plans.name })
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .orderBy(asc(funds.name), asc(rounds.opensAt))
    .all();
}

function checkReferences(tx: WriteTx, input: RoundInput, exceptId?: number) {
  if (!tx.select({ id: funds.id }).from(funds).where(eq(funds.id, input.fundId)).get()) throw new DuplicateError("fundId", "Select a fund");
  if (!tx.select({ id: plans.id }).from(plans).where(eq(plans.id, input.planId)).get()) throw new DuplicateError("planId", "Select a Police and Crime Plan");
  const bySlug = tx.select({ id: rounds.id }).from(rounds).where(and(eq(rounds.fundId, input.fundId), eq(rounds.slug, input.slug))).get();
  if (bySlug && bySlug.id !== exceptId) throw new DuplicateError("slug", "Another round of this fund already uses this web address name");
  const byCode = tx.select({ id: rounds.id }).from(rounds).where(and(eq(rounds.fundId, input.fundId), eq(rounds.code, input.code))).get();
  if (byCode && byCode.id !== exceptId) throw new DuplicateError("code", "Another round of this fund already uses this reference code");
}

function roundRow(input: RoundInput) {
  const { criteria: _criteria, ...row } = input;
  return row;
}

function writeCriteria(tx: WriteTx, roundId: number, input: RoundInput) {
  tx.delete(roundCriteria).where(eq(roundCriteria.roundId, roundId)).run();
  input.criteria.forEach((c, position) => tx.insert(roundCriteria).values({ ...c, roundId, position }).run());
}

/**
 * The round's budget goes into the ledger in the same transaction. A ledger entry needs a person
 * behind it, so a round loaded by the seed before anyone exists (actor null) gets its entry later,
 * from `bringRoundBudgetsIntoLedger` (the seed calls it once the demo admin exists; otherwise
 * finance is offered it on the budgets page).
 */
export function createRound(actorId: number | null, input: RoundInput, now: Date) {
  return writeTransaction((tx) => {
    checkReferences(tx, input);
    const round = tx.insert(rounds).values({ ...roundRow(input), createdAt: now }).returning().get();
    writeCriteria(tx, round.id, input);
    recordAudit(tx, { at: now, actorUserId: actorId, action: "round.created", subjectType: "round", subjectId: round.id, after: input });
    if (actorId !== null) syncRoundBudget(tx, round.id, actorId, now);
    return round;
  });
}

/**
 * What a round has already promised limits how it can change (found by fuzzing the edit page with
 * a released round): its budget cannot fall below its funded decisions, nor its maximum award below
 * what a submitted bid asks for, and once assessors have scored against its criteria (the scores
 * point at them) they stay as they are. Returns whether the criteria are to be kept.
 */
function checkPromises(tx: WriteTx, id: number, input: RoundInput, criteria: { name: string; guidance: string; maxScore: number; weight: number }[]): boolean {
  const funded = tx.select({ total: sql<number>`coalesce(sum(${decisions.amountPence}), 0)` }).from(decisions).where(eq(decisions.roundId, id)).get()!.total;
  if (input.budgetPence < funded) throw new DuplicateError("budget", `The round budget must be at least ${formatPence(funded)}, the total already decided for funded bids`);
  const largest = tx
    .select({ largest: sql<number>`coalesce(max(${bids.amountRequestedPence}), 0)` })
    .from(bids)
    .where(and(eq(bids.roundId, id), isNotNull(bids.submittedAt), ne(bids.status, "withdrawn")))
    .get()!.largest;
  if (input.maxAwardPence < largest) throw new DuplicateError("maxAward", `The maximum award must be at least ${formatPence(largest)}, the most a submitted bid asks for`);
  const scored = tx.select({ n: sql<number>`count(*)` }).from(assessmentScores).innerJoin(roundCriteria, eq(roundCriteria.id, assessmentScores.criterionId)).where(eq(roundCriteria.roundId, id)).get()!.n > 0;
  if (!scored) return false;
  const same = (c: (typeof criteria)[number]) => [c.name, c.guidance, c.maxScore, c.weight].join("\u0000");
  if (criteria.map(same).join("\u0001") !== input.criteria.map(same).join("\u0001")) {
    throw new DuplicateError("criteria.0.name", "The scoring criteria cannot change now that assessors have scored bids against them");
  }
  return true;
}

export function updateRound(actorId: number, id: number, input: RoundInput, now: Date) {
  return writeTransaction((tx) => {
    const before = getRoundForEditing(id);
    if (!before) return undefined;
    checkReferences(tx, input, id);
    const keepCriteria = checkPromises(tx, id, input, before.criteria);
    tx.update(rounds).set(roundRow(input)).where(eq(rounds.id, id)).run();
    if (!keepCriteria) writeCriteria(tx, id, input);
    recordAudit(tx, { at: now, actorUserId: actorId, action: "round.updated", subjectType: "round", subjectId: id, before, after: input });
    // A changed budget, fund or opening date moves the round's money in the ledger too.
    syncRoundBudget(tx, id, actorId, now);
    return true;
  });
}
