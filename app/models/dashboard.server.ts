/** Figures the staff dashboards show. Each total is computed by SQL over the rows it summarises. */
import { asc, count, desc, eq, sql } from "drizzle-orm";
import { auditEvents, funds, plans, rounds, users } from "#db/schema";
import { getDb } from "#db/client";

export function roundBudgetsByFund() {
  const db = getDb();
  const roundRows = db
    .select({
      id: rounds.id,
      fundId: funds.id,
      fundName: funds.name,
      fundSlug: funds.slug,
      name: rounds.name,
      slug: rounds.slug,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      budgetPence: rounds.budgetPence,
      maxAwardPence: rounds.maxAwardPence,
      planName: plans.name,
    })
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .orderBy(asc(funds.name), asc(rounds.opensAt))
    .all();
  return roundRows;
}

export function countConfiguration() {
  const db = getDb();
  return {
    funds: db.select({ n: count() }).from(funds).get()?.n ?? 0,
    plans: db.select({ n: count() }).from(plans).get()?.n ?? 0,
    rounds: db.select({ n: count() }).from(rounds).get()?.n ?? 0,
  };
}

export function countUsersByRole() {
  return getDb().select({ role: users.role, n: count() }).from(users).groupBy(users.role).orderBy(asc(users.role)).all();
}

export function recentAuditEvents(limit = 20) {
  return getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      actorName: sql<string | null>`(select name from users where users.id = ${auditEvents.actorUserId})`,
    })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}
