/**
 * Police and Crime Plans with their priorities and themes. Plans are versioned by being separate
 * records: once a round points at a plan, its priorities are fixed (bids and reports refer to them),
 * and a new plan is made instead of editing the old one.
 */
import { asc, eq } from "drizzle-orm";
import { planPriorities, planThemes, plans, rounds } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import type { PlanInput } from "~/domain/config/schemas";
import { recordAudit } from "./audit.server";
import { DuplicateError } from "./fund.server";

export function listPlans() {
  const db = getDb();
  return db
    .select()
    .from(plans)
    .orderBy(asc(plans.startsOn))
    .all()
    .map((plan) => ({
      ...plan,
      priorityCount: db.select({ id: planPriorities.id }).from(planPriorities).where(eq(planPriorities.planId, plan.id)).all().length,
      inUse: isPlanInUse(plan.id),
    }));
}

export function isPlanInUse(planId: number): boolean {
  return Boolean(getDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.planId, planId)).limit(1).get());
}

export function getPlan(id: number) {
  const db = getDb();
  const plan = db.select().from(plans).where(eq(plans.id, id)).get();
  if (!plan) return undefined;
  return {
    ...plan,
    priorities: db.select().from(planPriorities).where(eq(planPriorities.planId, id)).orderBy(asc(planPriorities.position)).all(),
    themes: db.select().from(planThemes).where(eq(planThemes.planId, id)).orderBy(asc(planThemes.position)).all(),
    inUse: isPlanInUse(id),
  };
}

function writeChildren(tx: WriteTx, planId: number, input: PlanInput) {
  tx.delete(planPriorities).where(eq(planPriorities.planId, planId)).run();
  tx.delete(planThemes).where(eq(planThemes.planId, planId)).run();
  input.priorities.forEach((name, position) => tx.insert(planPriorities).values({ planId, name, position }).run());
  input.themes.forEach((theme, position) => tx.insert(planThemes).values({ planId, name: theme.name, kind: theme.kind, position }).run());
}

function assertSlugFree(tx: WriteTx, slug: string, exceptId?: number) {
  const existing = tx.select({ id: plans.id }).from(plans).where(eq(plans.slug, slug)).get();
  if (existing && existing.id !== exceptId) throw new DuplicateError("slug", "Another plan already uses this web address name");
}

export function createPlan(actorId: number | null, input: PlanInput, now: Date) {
  return writeTransaction((tx) => {
    assertSlugFree(tx, input.slug);
    const plan = tx
      .insert(plans)
      .values({ slug: input.slug, name: input.name, area: input.area, startsOn: input.startsOn, endsOn: input.endsOn, createdAt: now })
      .returning()
      .get();
    writeChildren(tx, plan.id, input);
    recordAudit(tx, { at: now, actorUserId: actorId, action: "plan.created", subjectType: "plan", subjectId: plan.id, after: input });
    return plan;
  });
}

/** A free web address name for a new version of a plan: "west-yorkshire-pcp-2024-28-v2", then -v3... */
export function nextVersionSlug(slug: string): string {
  const base = slug.replace(/-v\d+$/, "");
  const db = getDb();
  for (let version = 2; ; version++) {
    const candidate = `${base}-v${version}`;
    if (!db.select({ id: plans.id }).from(plans).where(eq(plans.slug, candidate)).get()) return candidate;
  }
}

export class PlanInUseError extends Error {
  constructor() {
    super("This plan is used by a grant round, so it cannot be changed. Create a new version of the plan instead");
  }
}

export function updatePlan(actorId: number, id: number, input: PlanInput, now: Date) {
  return writeTransaction((tx) => {
    const before = getPlan(id);
    if (!before) return undefined;
    if (before.inUse) throw new PlanInUseError();
    assertSlugFree(tx, input.slug, id);
    tx.update(plans).set({ slug: input.slug, name: input.name, area: input.area, startsOn: input.startsOn, endsOn: input.endsOn }).where(eq(plans.id, id)).run();
    writeChildren(tx, id, input);
    recordAudit(tx, {
      at: now,
      actorUserId: actorId,
      action: "plan.updated",
      subjectType: "plan",
      subjectId: id,
      before: { ...before, priorities: before.priorities.map((p) => p.name), themes: before.themes.map((t) => ({ name: t.name, kind: t.kind })) },
      after: input,
    });
    return true;
  });
}
