/**
 * The scope of a reconciliation (fund, round, financial year) and of a ledger listing (those, plus
 * a district, an award, and a figure or ledger kind), read from and written to query strings so
 * every figure is a plain link that works without JavaScript.
 */
import { LEDGER_KINDS, type LedgerKind } from "~/domain/money/ledger";
import { isFigure, type BudgetKind, type Figure } from "./reconciliation";

export type ReconciliationScope = { fundId?: number; roundId?: number; year?: number };

/** `"none"` asks for entries with no round (or no district): a fund's own or a partnership's row. */
export type IdOrNone = number | "none";

export type LedgerFilter = {
  fundId?: number;
  roundId?: IdOrNone;
  year?: number;
  districtId?: IdOrNone;
  awardId?: number;
  figure?: Figure;
  kind?: LedgerKind;
};

const id = (value: string | null): number | undefined | null => {
  if (value === null || value === "") return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) === 0) return null;
  return Number(value);
};

const idOrNone = (value: string | null): IdOrNone | undefined | null => (value === "none" ? "none" : id(value));

/** A financial year by its starting year, within reason; anything else is not a year. */
export function parseYear(value: string | null): number | undefined | null {
  if (value === null || value === "") return undefined;
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The scope in a query string, or null when a value is malformed (the page answers 404). */
export function parseScope(params: URLSearchParams): ReconciliationScope | null {
  const fundId = id(params.get("fund"));
  const roundId = id(params.get("round"));
  const year = parseYear(params.get("year"));
  if (fundId === null || roundId === null || year === null) return null;
  return { fundId, roundId, year };
}

export function parseLedgerFilter(params: URLSearchParams): LedgerFilter | null {
  const fundId = id(params.get("fund"));
  const roundId = idOrNone(params.get("round"));
  const year = parseYear(params.get("year"));
  const districtId = idOrNone(params.get("district"));
  const awardId = id(params.get("award"));
  const figure = params.get("figure");
  const kind = params.get("kind");
  if ([fundId, roundId, year, districtId, awardId].includes(null)) return null;
  if (figure !== null && figure !== "" && !isFigure(figure)) return null;
  if (kind !== null && kind !== "" && !(LEDGER_KINDS as readonly string[]).includes(kind)) return null;
  return {
    fundId: fundId ?? undefined,
    roundId: roundId ?? undefined,
    year: year ?? undefined,
    districtId: districtId ?? undefined,
    awardId: awardId ?? undefined,
    figure: figure ? (figure as Figure) : undefined,
    kind: kind ? (kind as LedgerKind) : undefined,
  };
}

/** A single round's figures use its own budget; anything wider uses the funds' budgets. */
export function budgetKindFor(scope: { roundId?: IdOrNone }): BudgetKind {
  return typeof scope.roundId === "number" ? "round_budget_set" : "budget_set";
}

export function scopeQuery(scope: ReconciliationScope): URLSearchParams {
  const q = new URLSearchParams();
  if (scope.fundId !== undefined) q.set("fund", String(scope.fundId));
  if (scope.roundId !== undefined) q.set("round", String(scope.roundId));
  if (scope.year !== undefined) q.set("year", String(scope.year));
  return q;
}

export function ledgerHref(filter: LedgerFilter): string {
  const q = scopeQuery({ fundId: filter.fundId, year: filter.year });
  if (filter.roundId !== undefined) q.set("round", String(filter.roundId));
  if (filter.districtId !== undefined) q.set("district", String(filter.districtId));
  if (filter.awardId !== undefined) q.set("award", String(filter.awardId));
  if (filter.figure) q.set("figure", filter.figure);
  if (filter.kind) q.set("kind", filter.kind);
  return `/finance/ledger?${q}`;
}

export function withQuery(path: string, scope: ReconciliationScope): string {
  const q = scopeQuery(scope).toString();
  return q ? `${path}?${q}` : path;
}
