/**
 * What retention removes from an unsuccessful bid's answers. Anything a person typed as free text
 * can name someone (the safeguarding lead, a contact, a volunteer in a story), so every string is
 * replaced by a marker unless its field is one of the structured values below, which reports and
 * the bid's own page still need: ids, counts, amounts, dates and yes/no answers. A field added to a
 * bid later is therefore removed by default, never kept by mistake.
 */

export const ANONYMISED_MARKER = "[removed after the retention period]";

/** Audit events about an anonymised bid keep who, what and when; their details become this. */
export const REDACTED_AUDIT_DETAILS = { redacted: "retention" } as const;

/**
 * Field names (the last part of "lines.0.cost") whose text is kept. The project title stays: it
 * names a project, not a person, and a round's list of applications identifies each one by it.
 * The organisation's own identifiers stay too (its name, type, charity and company numbers are on
 * public registers); its address and contact details go.
 */
const KEPT_TEXT = new Set([
  // project
  "title",
  // priorities and area: ids as typed
  "priorityIds",
  "themeIds",
  "tagIds",
  "districtIds",
  // beneficiaries
  "beneficiaryCount",
  "ageGroups",
  // dates, typed (day/month/year boxes) and checked
  "startsOnDay",
  "startsOnMonth",
  "startsOnYear",
  "endsOnDay",
  "endsOnMonth",
  "endsOnYear",
  "startsOn",
  "endsOn",
  // budget
  "amountRequested",
  "cost",
  // outcomes
  "outcomeId",
  "target",
  // safeguarding
  "hasPolicy",
  "declarations",
  // when the bid was frozen
  "submittedAt",
]);

/** The organisation as it was at submission (`submitted.organisation`). */
const KEPT_ORGANISATION_TEXT = new Set(["name", "type", "charityNumber", "companyNumber", "updatedAt"]);

function fieldName(key: string): string {
  const parts = key.split(".");
  return parts[parts.length - 1];
}

function redact(value: unknown, keep: boolean, kept: ReadonlySet<string>): unknown {
  if (typeof value === "string") return keep || value === "" ? value : ANONYMISED_MARKER;
  if (Array.isArray(value)) return value.map((item) => redact(item, keep, kept));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        const innerKept = key === "organisation" ? KEPT_ORGANISATION_TEXT : kept;
        return [key, redact(inner, kept.has(fieldName(key)), innerKept)];
      }),
    );
  }
  // Numbers, booleans and nulls are amounts, counts, ids and answers, never a person.
  return value;
}

/** A bid's answers (as typed) or its frozen submission, with every personal text replaced. */
export function anonymiseBidJson<T>(value: T): T {
  return redact(value, false, KEPT_TEXT) as T;
}

/** Free text written about a bid by staff (reasons, feedback, comments): replaced when there was any. */
export function anonymiseText<T extends string | null>(text: T): T {
  return (text === null || text === "" ? text : ANONYMISED_MARKER) as T;
}
