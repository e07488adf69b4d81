/**
 * Rules the whole database must satisfy whatever anyone posted: SQLite's own checks, the shape of
 * every column the schema declares (read from db/schema.ts, so a new table is checked too), and the
 * domain's money, date and scoring rules. `domainViolations()` lists each broken rule with the rows
 * that break it; an empty list means the database is sound.
 */
import type Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "#db/schema";
import { getSqlite } from "#db/client";
import { EARLIEST_YEAR, LATEST_YEAR } from "~/domain/config/fields";
import { MAX_PENCE } from "~/domain/money/money";

type Row = Record<string, unknown>;

/** Calendar dates and instants a grants portal can mean (the date boxes' own bounds): anything outside is a parsing slip. */
const EARLIEST_MS = Date.UTC(EARLIEST_YEAR, 0, 1);
const LATEST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1);

/**
 * The longest text a form lets anyone store (a 2,000-word answer is about 20,000 characters), and
 * the longest JSON (a bid's answers, or an audit event holding them). Anything longer got past a
 * limit: a megabyte posted into a note would otherwise sit in every page and export that shows it.
 */
const MAX_TEXT = 20_000;
const MAX_JSON = 500_000;

/** Control characters a person cannot type (tab, line feed and carriage return are fine). */
const UNTYPEABLE_GLOB = `*[${String.fromCharCode(1)}-${String.fromCharCode(8)}${String.fromCharCode(11)}${String.fromCharCode(12)}${String.fromCharCode(14)}-${String.fromCharCode(31)}]*`;

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

/** A rule as SQL that returns the rows breaking it (at most a few are reported). */
const RULES: [rule: string, sql: string][] = [
  // Money that can never be below zero. Only ledger corrections may be negative (see below).
  ["a round's budget is £0 or more, and its maximum award more than £0 and no more than its budget", "SELECT id, budget_pence, max_award_pence FROM rounds WHERE budget_pence < 0 OR max_award_pence <= 0 OR max_award_pence > budget_pence"],
  ["a round closes after it opens, and its delivery window does not end before it starts", "SELECT id, opens_at, closes_at, delivery_starts_on, delivery_ends_on FROM rounds WHERE closes_at <= opens_at OR delivery_ends_on < delivery_starts_on"],
  ["a fund's default maximum award is £0 or more", "SELECT id, default_max_award_pence FROM funds WHERE default_max_award_pence < 0"],
  ["a plan ends after it starts", "SELECT id, starts_on, ends_on FROM plans WHERE ends_on <= starts_on"],
  ["an organisation's annual income is £0 or more", "SELECT organisation_id, annual_income_pence FROM organisation_profiles WHERE annual_income_pence < 0"],
  ["an amount requested is more than £0", "SELECT id, amount_requested_pence FROM bids WHERE amount_requested_pence IS NOT NULL AND amount_requested_pence <= 0"],
  [
    "a submitted bid asks for no more than its round's maximum award",
    "SELECT b.id, b.amount_requested_pence, r.max_award_pence FROM bids b JOIN rounds r ON r.id = b.round_id WHERE b.submitted_at IS NOT NULL AND b.amount_requested_pence > r.max_award_pence",
  ],
  [
    "a submitted bid's budget lines add up to its amount requested, and none is negative",
    "SELECT b.id, b.amount_requested_pence, SUM(l.cost_pence) AS lines, MIN(l.cost_pence) AS smallest FROM bids b JOIN bid_budget_lines l ON l.bid_id = b.id WHERE b.submitted_at IS NOT NULL GROUP BY b.id HAVING SUM(l.cost_pence) <> b.amount_requested_pence OR MIN(l.cost_pence) < 0",
  ],
  [
    "a draft has no submission; a bid past draft has a submission, a reference and its time",
    "SELECT id, status, submitted_at, reference FROM bids WHERE (status = 'draft' AND (submitted_at IS NOT NULL OR reference IS NOT NULL)) OR (status NOT IN ('draft', 'withdrawn') AND (submitted_at IS NULL OR reference IS NULL OR submitted IS NULL))",
  ],
  ["a bid's outcome targets are 0 or more", "SELECT id, bid_id, target FROM bid_outcomes WHERE target < 0"],
  // Assessment and decisions.
  ["a criterion's maximum score is 1 to 100 and its weight 0 to 100", "SELECT id, max_score, weight FROM round_criteria WHERE max_score < 1 OR max_score > 100 OR weight < 0 OR weight > 100"],
  ["a round's criteria weights add up to 100", "SELECT round_id, SUM(weight) AS total FROM round_criteria GROUP BY round_id HAVING SUM(weight) <> 100"],
  [
    "a score is between 0 and its criterion's maximum",
    "SELECT s.assessment_id, s.criterion_id, s.score, c.max_score FROM assessment_scores s JOIN round_criteria c ON c.id = s.criterion_id WHERE s.score IS NOT NULL AND (s.score < 0 OR s.score > c.max_score)",
  ],
  ["a weighted or moderated score is 0% to 100%", "SELECT 'assessment' AS kind, id, weighted_score AS score FROM assessments WHERE weighted_score < 0 OR weighted_score > 10000 UNION ALL SELECT 'moderation', bid_id, score FROM moderations WHERE score < 0 OR score > 10000"],
  ["a round asks for at least one assessor per bid, and its moderation threshold is 0 to 100 points", "SELECT round_id, assessors_per_bid, moderation_threshold FROM round_assessment_settings WHERE assessors_per_bid < 1 OR moderation_threshold < 0 OR moderation_threshold > 100"],
  ["the funded decisions of a round add up to no more than its budget", "SELECT d.round_id, SUM(d.amount_pence) AS funded, r.budget_pence FROM decisions d JOIN rounds r ON r.id = d.round_id GROUP BY d.round_id HAVING SUM(d.amount_pence) > r.budget_pence"],
  [
    "a decision funds in full the amount requested, in part more than £0 and less than requested, and otherwise nothing",
    `SELECT d.bid_id, d.outcome, d.amount_pence, b.amount_requested_pence FROM decisions d JOIN bids b ON b.id = d.bid_id
     WHERE (d.outcome = 'fund_full' AND d.amount_pence <> b.amount_requested_pence)
        OR (d.outcome = 'fund_part' AND (d.amount_pence <= 0 OR d.amount_pence >= b.amount_requested_pence))
        OR (d.outcome IN ('reserve', 'not_funded') AND d.amount_pence <> 0)`,
  ],
  // Awards, returns and money.
  ["an award is more than £0, no more than its round's maximum, and its project ends no earlier than it starts", "SELECT a.id, a.amount_pence, r.max_award_pence, a.starts_on, a.ends_on FROM awards a JOIN rounds r ON r.id = a.round_id WHERE a.amount_pence <= 0 OR a.amount_pence > r.max_award_pence OR a.ends_on < a.starts_on"],
  ["a return's people reached, underspend, spend and outcomes achieved are 0 or more", "SELECT id, beneficiaries_reached, underspend_pence FROM monitoring_returns WHERE beneficiaries_reached < 0 OR underspend_pence < 0 UNION ALL SELECT return_id, budget_line_id, spent_pence FROM return_spend WHERE spent_pence < 0 UNION ALL SELECT return_id, bid_outcome_id, achieved FROM return_outcomes WHERE achieved < 0"],
  ["a partnership's return is for quarter 1 to 4, with spend of £0 or more", "SELECT id, quarter, spend_pence FROM csf_returns WHERE quarter NOT BETWEEN 1 AND 4 OR spend_pence < 0"],
  ["only a correction is negative, and it corrects an entry of its own kind", "SELECT e.id, e.kind, e.amount_pence, e.corrects_entry_id, o.kind AS corrected_kind FROM ledger_entries e LEFT JOIN ledger_entries o ON o.id = e.corrects_entry_id WHERE (e.amount_pence < 0 AND e.corrects_entry_id IS NULL) OR (e.corrects_entry_id IS NOT NULL AND (o.id IS NULL OR o.kind <> e.kind))"],
  ["no entry is corrected below zero", "SELECT o.id, o.amount_pence, SUM(c.amount_pence) AS corrections FROM ledger_entries o JOIN ledger_entries c ON c.corrects_entry_id = o.id GROUP BY o.id HAVING o.amount_pence + SUM(c.amount_pence) < 0"],
  [
    "an award is paid no more than its net commitment, and repaid no more than was asked back",
    `SELECT award_id,
       SUM(CASE kind WHEN 'commitment' THEN amount_pence WHEN 'commitment_reduced' THEN -amount_pence ELSE 0 END) AS committed,
       SUM(CASE kind WHEN 'payment' THEN amount_pence ELSE 0 END) AS paid,
       SUM(CASE kind WHEN 'repayment_due' THEN amount_pence ELSE 0 END) AS due,
       SUM(CASE kind WHEN 'repayment' THEN amount_pence ELSE 0 END) AS repaid
     FROM ledger_entries WHERE award_id IS NOT NULL GROUP BY award_id
     HAVING paid > committed OR paid < 0 OR committed < 0 OR repaid > due OR repaid < 0`,
  ],
  ["a person's e-mail address has an @ and no spaces or control characters", "SELECT id, email FROM users WHERE instr(email, '@') = 0 OR email GLOB '*[ \t\r\n]*' OR email <> trim(email)"],
];

/** Statements are prepared once per connection: the checks run after every fuzzed post. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let found = cache.get(sql);
  if (!found) cache.set(sql, (found = sqlite.prepare(sql)));
  return found;
}

function rowsOf(sqlite: Database.Database, sql: string): Row[] {
  return statement(sqlite, sql).all() as Row[];
}

const show = (rows: Row[]) =>
  JSON.stringify(rows.slice(0, 3), (_k, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}… (${v.length} characters)` : v));

type ColumnCheck = { table: string; column: string; what: string; condition: string };

/** The checks every declared column gets, by its kind: enums, integers, booleans, text, instants. */
function columnChecks(): ColumnCheck[] {
  const checks: ColumnCheck[] = [];
  for (const table of tables) {
    const { name, columns } = getTableConfig(table);
    for (const column of columns) {
      const col = `"${column.name}"`;
      const add = (condition: string, what: string) => checks.push({ table: name, column: column.name, what, condition: `${col} IS NOT NULL AND (${condition})` });
      const enumValues = (column as { enumValues?: readonly string[] }).enumValues;
      if (enumValues && enumValues.length > 0) add(`${col} NOT IN (${enumValues.map((v) => `'${v}'`).join(", ")})`, `only ${enumValues.join(", ")}`);
      switch (column.columnType) {
        case "SQLiteInteger":
        case "SQLiteTimestamp":
          add(`typeof(${col}) <> 'integer'`, "a whole number");
          break;
        case "SQLiteBoolean":
          add(`${col} NOT IN (0, 1)`, "0 or 1");
          break;
        case "SQLiteText":
          add(`typeof(${col}) <> 'text'`, "text");
          // A NUL ends a C string: it truncates the value for every tool downstream.
          add(`instr(CAST(${col} AS BLOB), x'00') > 0`, "no NUL character");
          add(`${col} GLOB '${UNTYPEABLE_GLOB}'`, "no control characters but tab and new lines (XML, so every export, refuses them)");
          add(`length(${col}) > ${MAX_TEXT}`, `at most ${MAX_TEXT} characters (the longest any form allows)`);
          break;
        case "SQLiteTextJson":
          add(`typeof(${col}) <> 'text' OR NOT json_valid(${col})`, "JSON text");
          add(`length(${col}) > ${MAX_JSON}`, `at most ${MAX_JSON} characters`);
          // Inside JSON a control character is escaped, so look at the strings it holds.
          add(
            // (JSON escapes them as \u00XX, \b or \f: only such rows are worth walking.)
            `(instr(${col}, '\\u00') > 0 OR instr(${col}, '\\b') > 0 OR instr(${col}, '\\f') > 0) AND json_valid(${col}) AND EXISTS (SELECT 1 FROM json_tree(${col}) j WHERE j.type = 'text' AND (instr(CAST(j.atom AS BLOB), x'00') > 0 OR j.atom GLOB '${UNTYPEABLE_GLOB}'))`,
            "no NUL or control characters in its strings",
          );
          break;
      }
      if (column.name.endsWith("_pence")) add(`abs(${col}) > ${MAX_PENCE}`, `within £${MAX_PENCE / 100}`);
      if (column.name.endsWith("_at") && column.columnType === "SQLiteTimestamp") add(`${col} < ${EARLIEST_MS} OR ${col} >= ${LATEST_MS}`, `an instant from ${EARLIEST_YEAR} to ${LATEST_YEAR}`);
      if (column.name.endsWith("_on") && column.columnType === "SQLiteText") {
        add(
          `NOT (${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND CAST(substr(${col}, 1, 4) AS INTEGER) BETWEEN ${EARLIEST_YEAR} AND ${LATEST_YEAR} AND date(${col}) = ${col})`,
          `a real date from ${EARLIEST_YEAR} to ${LATEST_YEAR}`,
        );
      }
    }
  }
  return checks;
}

/**
 * One query per table counts the rows failing each of its column checks; only a failing check is
 * asked again for the rows, so a sound database costs one pass.
 */
function columnViolations(sqlite: Database.Database): string[] {
  const found: string[] = [];
  const byTable = new Map<string, ColumnCheck[]>();
  for (const check of (cachedChecks ??= columnChecks())) byTable.set(check.table, [...(byTable.get(check.table) ?? []), check]);
  for (const [table, checks] of byTable) {
    const counts = statement(sqlite, `SELECT ${checks.map((c, i) => `COALESCE(SUM(CASE WHEN ${c.condition} THEN 1 ELSE 0 END), 0) AS c${i}`).join(", ")} FROM "${table}"`).get() as Record<string, number>;
    checks.forEach((c, i) => {
      if (counts[`c${i}`] === 0) return;
      const rows = rowsOf(sqlite, `SELECT rowid AS row, "${c.column}" AS value FROM "${table}" WHERE ${c.condition} LIMIT 3`);
      found.push(`${table}.${c.column}: ${c.what}: ${show(rows)}`);
    });
  }
  return found;
}

let cachedChecks: ColumnCheck[] | undefined;

/** Every broken rule, each with a few of the rows that break it. */
export function domainViolations(sqlite: Database.Database = getSqlite()): string[] {
  const found: string[] = [];
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== "ok") found.push(`PRAGMA integrity_check: ${integrity.slice(0, 3).join("; ")}`);
  const foreign = sqlite.pragma("foreign_key_check") as Row[];
  if (foreign.length > 0) found.push(`PRAGMA foreign_key_check: ${show(foreign)}`);
  found.push(...columnViolations(sqlite));
  for (const [rule, sql] of RULES) {
    const rows = rowsOf(sqlite, sql);
    if (rows.length > 0) found.push(`${rule}: ${show(rows)}`);
  }
  return found;
}
