/**
 * The one door to the ledger: appending entries (inside the caller's transaction, with its audit
 * event) and reading them back for balances. Nothing here updates or deletes; the database refuses.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { ledgerEntries } from "#db/schema";
import { getDb, type WriteTx } from "#db/client";
import type { LedgerKind } from "~/domain/money/ledger";
import { recordAudit } from "./audit.server";

export type LedgerEntry = typeof ledgerEntries.$inferSelect;

export type NewLedgerEntry = {
  kind: LedgerKind;
  fundId: number;
  financialYear: number;
  amountPence: number;
  roundId?: number | null;
  awardId?: number | null;
  districtId?: number | null;
  correctsEntryId?: number | null;
  reference?: string | null;
  note?: string | null;
  valueOn?: string | null;
};

export function appendLedgerEntry(tx: WriteTx, entry: NewLedgerEntry, actorUserId: number, now: Date): LedgerEntry {
  if (!Number.isSafeInteger(entry.amountPence)) throw new Error("Ledger amounts are whole pence");
  if (entry.amountPence < 0 && !entry.correctsEntryId) throw new Error("Only a correction may be negative");
  const row = tx
    .insert(ledgerEntries)
    .values({ ...entry, at: now, createdBy: actorUserId })
    .returning()
    .get();
  recordAudit(tx, { at: now, actorUserId, action: `ledger.${entry.kind}`, subjectType: "ledger_entry", subjectId: row.id, after: row });
  return row;
}

export type LedgerScope = { fundId?: number; financialYear?: number; roundId?: number; awardId?: number; districtId?: number };

export function ledgerEntriesFor(scope: LedgerScope, db: Pick<WriteTx, "select"> = getDb()): LedgerEntry[] {
  const conditions: SQL[] = [];
  if (scope.fundId !== undefined) conditions.push(eq(ledgerEntries.fundId, scope.fundId));
  if (scope.financialYear !== undefined) conditions.push(eq(ledgerEntries.financialYear, scope.financialYear));
  if (scope.roundId !== undefined) conditions.push(eq(ledgerEntries.roundId, scope.roundId));
  if (scope.awardId !== undefined) conditions.push(eq(ledgerEntries.awardId, scope.awardId));
  if (scope.districtId !== undefined) conditions.push(eq(ledgerEntries.districtId, scope.districtId));
  return db
    .select()
    .from(ledgerEntries)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(ledgerEntries.id))
    .all();
}
