/**
 * What a report is about: the fund and round from the address, the other funds and rounds to
 * switch to, the reporting tags to filter by, and the financial years a round's applications
 * arrived in. Reports read only; nothing here writes.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { bids, funds, reportingTags, roundAssessmentSettings, rounds } from "#db/schema";
import { getDb } from "#db/client";
import { financialYearOf } from "~/domain/money/ledger";
import { FEATURED_TAG_SLUG, financialYearRange, financialYearsBetween } from "~/domain/reports/filters";
import { SUBMITTED_STATUSES } from "../assessment/round-bids.server";

export function findFundBySlug(slug: string) {
  return getDb().select({ id: funds.id, slug: funds.slug, code: funds.code, name: funds.name }).from(funds).where(eq(funds.slug, slug)).get();
}

/** A round by its fund's slug and its own, with when (if ever) its decisions were released. */
export function findReportRound(fundSlug: string, roundSlug: string) {
  return getDb()
    .select({
      id: rounds.id,
      slug: rounds.slug,
      code: rounds.code,
      name: rounds.name,
      planId: rounds.planId,
      budgetPence: rounds.budgetPence,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      fundId: funds.id,
      fundSlug: funds.slug,
      fundCode: funds.code,
      fundName: funds.name,
      decisionsReleasedAt: roundAssessmentSettings.decisionsReleasedAt,
    })
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .leftJoin(roundAssessmentSettings, eq(roundAssessmentSettings.roundId, rounds.id))
    .where(and(eq(funds.slug, fundSlug), eq(rounds.slug, roundSlug)))
    .get();
}

export type ReportRound = NonNullable<ReturnType<typeof findReportRound>>;

/** Every fund with its rounds, newest first, for the fund and round switchers. */
export function fundsAndRounds() {
  const db = getDb();
  const fundRows = db.select({ id: funds.id, slug: funds.slug, name: funds.name }).from(funds).orderBy(asc(funds.name)).all();
  const roundRows = db
    .select({ fundId: rounds.fundId, slug: rounds.slug, code: rounds.code, name: rounds.name, opensAt: rounds.opensAt })
    .from(rounds)
    .orderBy(desc(rounds.opensAt), desc(rounds.id))
    .all();
  return fundRows.map((f) => ({ ...f, rounds: roundRows.filter((r) => r.fundId === f.id).map((r) => ({ slug: r.slug, code: r.code, name: r.name })) }));
}

export function listTags() {
  return getDb().select({ id: reportingTags.id, slug: reportingTags.slug, name: reportingTags.name }).from(reportingTags).orderBy(asc(reportingTags.name)).all();
}

export function findTag(slug: string) {
  return getDb().select({ id: reportingTags.id, slug: reportingTags.slug, name: reportingTags.name }).from(reportingTags).where(eq(reportingTags.slug, slug)).get();
}

/** The Panel's tag (Drugs and Alcohol) by its slug, so renaming it keeps the paragraphs right. */
export const featuredTag = () => findTag(FEATURED_TAG_SLUG);

/** The financial years in which the round's applications were submitted, for the year filter. */
export function roundFinancialYears(roundId: number): number[] {
  const row = getDb()
    .select({ first: sql<number | null>`min(${bids.submittedAt})`, last: sql<number | null>`max(${bids.submittedAt})` })
    .from(bids)
    .where(and(eq(bids.roundId, roundId), inArray(bids.status, [...SUBMITTED_STATUSES])))
    .get();
  if (row?.first == null || row.last == null) return [];
  return financialYearsBetween(financialYearOf(new Date(Number(row.first))), financialYearOf(new Date(Number(row.last))));
}

/** A fund's rounds whose decisions have been released, oldest release first; optionally only those released in one financial year. */
export function releasedRounds(fundId: number, year: number | null = null) {
  const range = year === null ? null : financialYearRange(year);
  return getDb()
    .select({ id: rounds.id, slug: rounds.slug, code: rounds.code, name: rounds.name, planId: rounds.planId, releasedAt: roundAssessmentSettings.decisionsReleasedAt })
    .from(rounds)
    .innerJoin(roundAssessmentSettings, eq(roundAssessmentSettings.roundId, rounds.id))
    .where(
      and(
        eq(rounds.fundId, fundId),
        isNotNull(roundAssessmentSettings.decisionsReleasedAt),
        range ? gte(roundAssessmentSettings.decisionsReleasedAt, range.from) : undefined,
        range ? lt(roundAssessmentSettings.decisionsReleasedAt, range.to) : undefined,
      ),
    )
    .orderBy(asc(roundAssessmentSettings.decisionsReleasedAt), asc(rounds.id))
    .all()
    .map((r) => ({ ...r, releasedAt: r.releasedAt! }));
}
