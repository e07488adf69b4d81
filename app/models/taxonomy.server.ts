/**
 * The configurable vocabularies: reporting tags (e.g. Drugs and Alcohol), districts, and the
 * outcomes and impacts bids aim for. Items can be added and renamed; they are never deleted,
 * because bids and reports refer to them.
 */
import { asc, eq } from "drizzle-orm";
import { districts, outcomes, reportingTags } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { recordAudit } from "./audit.server";
import { DuplicateError } from "./fund.server";

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

export const listReportingTags = () => getDb().select().from(reportingTags).orderBy(asc(reportingTags.name)).all();
export const listDistricts = () => getDb().select().from(districts).orderBy(asc(districts.name)).all();
export const listOutcomes = () => getDb().select().from(outcomes).orderBy(asc(outcomes.kind), asc(outcomes.id)).all();

export type Vocabulary = "reporting_tag" | "district";
const tables = { reporting_tag: reportingTags, district: districts } as const;

export function getNamed(kind: Vocabulary, id: number) {
  const table = tables[kind];
  return getDb().select().from(table).where(eq(table.id, id)).get();
}

export const getOutcome = (id: number) => getDb().select().from(outcomes).where(eq(outcomes.id, id)).get();

export function addNamed(kind: Vocabulary, actorId: number | null, name: string, now: Date) {
  const table = tables[kind];
  return writeTransaction((tx) => {
    const slug = slugify(name);
    if (tx.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get() || tx.select({ id: table.id }).from(table).where(eq(table.name, name)).get()) {
      throw new DuplicateError("name", `${name} is already in the list`);
    }
    const row = tx.insert(table).values({ name, slug, createdAt: now }).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: `${kind}.created`, subjectType: kind, subjectId: row.id, after: row });
    return row;
  });
}

export function renameNamed(kind: Vocabulary, actorId: number, id: number, name: string, now: Date) {
  const table = tables[kind];
  return writeTransaction((tx) => {
    const before = tx.select().from(table).where(eq(table.id, id)).get();
    if (!before) return undefined;
    const clash = tx.select({ id: table.id }).from(table).where(eq(table.name, name)).get();
    if (clash && clash.id !== id) throw new DuplicateError("name", `${name} is already in the list`);
    // The slug stays: it is how exports and links refer to the item.
    const after = tx.update(table).set({ name }).where(eq(table.id, id)).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: `${kind}.renamed`, subjectType: kind, subjectId: id, before, after });
    return after;
  });
}

export function addOutcome(actorId: number | null, input: { name: string; kind: "outcome" | "impact" }, now: Date) {
  return writeTransaction((tx) => {
    if (tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.name, input.name)).get()) {
      throw new DuplicateError("name", `${input.name} is already in the list`);
    }
    const row = tx.insert(outcomes).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "outcome.created", subjectType: "outcome", subjectId: row.id, after: row });
    return row;
  });
}

export function renameOutcome(actorId: number, id: number, input: { name: string; kind: "outcome" | "impact" }, now: Date) {
  return writeTransaction((tx) => {
    const before = tx.select().from(outcomes).where(eq(outcomes.id, id)).get();
    if (!before) return undefined;
    const clash = tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.name, input.name)).get();
    if (clash && clash.id !== id) throw new DuplicateError("name", `${input.name} is already in the list`);
    const after = tx.update(outcomes).set(input).where(eq(outcomes.id, id)).returning().get();
    recordAudit(tx, { at: now, actorUserId: actorId, action: "outcome.renamed", subjectType: "outcome", subjectId: id, before, after });
    return after;
  });
}
