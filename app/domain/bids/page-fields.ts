/**
 * The form fields each bid page reads. A draft keeps a page's answers exactly as typed, so only
 * these are kept: anything else posted with the page (a `status`, an `organisationId`, a thousand
 * made-up keys) is not the person's answer and must not end up stored in the bid, frozen at
 * submission or shown to assessors. Kept in step with the schemas in sections.ts by the security
 * suite (tests/security/extra-fields.test.ts), which saves every page's valid answers through this.
 */
import { MAX_BUDGET_LINES, MAX_OUTCOME_ROWS } from "./context";
import type { SectionKey } from "./sections";

const row = (max: number) => `(?:${Array.from({ length: max }, (_, i) => i).join("|")})`;

const PAGE_FIELDS: Record<SectionKey, RegExp> = {
  project: /^(?:title|summary)$/,
  need: /^(?:need|activities)$/,
  priorities: /^(?:priorityIds|themeIds|tagIds)$/,
  area: /^(?:districtIds|wards)$/,
  beneficiaries: /^(?:beneficiaryCount|ageGroups)$/,
  dates: /^(?:startsOn|endsOn)(?:Day|Month|Year)$/,
  budget: new RegExp(`^(?:amountRequested|otherFunding|lines\\.${row(MAX_BUDGET_LINES)}\\.(?:item|cost))$`),
  outcomes: new RegExp(`^outcomes\\.${row(MAX_OUTCOME_ROWS)}\\.(?:outcomeId|target|measure)$`),
  safeguarding: /^(?:hasPolicy|leadName|declarations)$/,
};

/** Only the page's own fields, as typed. */
export function pageAnswers<V>(key: SectionKey, values: Record<string, V>): Record<string, V> {
  const fields = PAGE_FIELDS[key];
  return Object.fromEntries(Object.entries(values).filter(([name]) => fields.test(name)));
}

/** No bid answer is longer than this (the longest text box allows 20,000 characters). */
export const MAX_TYPED_CHARS = 20_000;

/**
 * The first kept answer longer than any page allows, if any. A schema can accept a value that is
 * mostly whitespace (it trims), but the draft keeps what was typed, so the raw length is checked too.
 */
export function tooLongAnswer<V>(values: Record<string, V>): string | undefined {
  return Object.entries(values).find(([, v]) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && x.length > MAX_TYPED_CHARS))?.[0];
}
