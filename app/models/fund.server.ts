/** Funds: each with its own money source, allocation method and default maximum award. */
import { asc, eq } from "drizzle-orm";
import { funds } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import type { FundInput } from "~/domain/config/schemas";
import { recordAudit } from "./audit.server";

export type Fund = typeof funds.$inferSelect;

export function listFunds(): Fund[] {
  return getDb().select().from(funds).orderBy(asc(funds.name)).all();
}

export function getFund(id: number): Fund | undefined {
  return getDb().select().from(funds).where(eq(funds.id, id)).get();
}

export function getFundBySlug(slug: string): Fund | undefined {
  return getDb().select().from(funds).where(eq(funds.slug, slug)).get();
}

export class DuplicateError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

function toRow(input: FundInput) {
  const { defaultMaxAward, ...rest } = input;
  return { ...rest, defaultMaxAwardPence: defaultMaxAward };
}

function assertUnique(input: FundInput, exceptId?: number) {
  const db = getDb();
  const bySlug = db.select({ id: funds.id }).from(funds).where(eq(funds.slug, input.slug)).get();
  if (bySlug && bySlug.id !== exceptId) throw new DuplicateError("slug", "Another fund already uses this web address name");
  const byCode = db.select({ id: funds.id }).from(funds).where(eq(funds.code, input.code)).get();
  if (byCode && byCode.id !== exceptId) throw new DuplicateError("code", "Another fund already uses this reference code");
}

export function createFund(actorId: number | null, input: FundInput, now: Date): Fund {
  return writeTransaction((tx) => {
    assertUnique(input);
    const fund = tx.insert(funds).values({ ...toRow(input), createdAt: now }).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "fund.created", subjectType: "fund", subjectId: fund.id, after: fund });
    return fund;
  });
}

export function updateFund(actorId: number, id: number, input: FundInput, now: Date): Fund | undefined {
  return writeTransaction((tx) => {
    const before = tx.select().from(funds).where(eq(funds.id, id)).get();
    if (!before) return undefined;
    assertUnique(input, id);
    const after = tx.update(funds).set(toRow(input)).where(eq(funds.id, id)).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "fund.updated", subjectType: "fund", subjectId: id, before, after });
    return after;
  });
}
