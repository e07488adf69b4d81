/** Check-your-answers rows for each page of a bid, from the answers as the applicant typed them. */
import { formatPence, parsePounds } from "~/domain/money/money";
import { dateFromParts } from "~/domain/config/fields";
import { formatIsoDate } from "~/domain/time/london";
import { AGE_GROUPS, MAX_BUDGET_LINES, MAX_OUTCOME_ROWS } from "./context";
import { DECLARATIONS, type SectionKey } from "./sections";

type Raw = Record<string, unknown>;
type Named = { id: number; name: string }[];
export type SummaryChoices = { priorities: Named; themes: Named; tags: Named; districts: Named; outcomes: Named };
export type SummaryRow = { key: string; value: string };

const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? "") : v === undefined || v === null ? "" : String(v));
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const names = (ids: unknown, from: Named) => list(ids).map((id) => from.find((c) => String(c.id) === id)?.name ?? "Unknown").join(", ") || "None";
const pounds = (v: unknown) => {
  const p = parsePounds(str(v));
  return p === null ? str(v) : formatPence(p);
};
const date = (raw: Raw, name: string) => {
  const iso = dateFromParts(raw, name);
  return iso && iso !== "invalid" ? formatIsoDate(iso) : "";
};

export function summariseSection(key: SectionKey, raw: Raw, choices: SummaryChoices): SummaryRow[] {
  switch (key) {
    case "project":
      return [
        { key: "Project title", value: str(raw.title) },
        { key: "Summary", value: str(raw.summary) },
      ];
    case "need":
      return [
        { key: "Why it is needed", value: str(raw.need) },
        { key: "What it will do", value: str(raw.activities) },
      ];
    case "priorities":
      return [
        { key: "Plan priorities", value: names(raw.priorityIds, choices.priorities) },
        { key: "Cross-cutting themes", value: names(raw.themeIds, choices.themes) },
        { key: "Reporting tags", value: names(raw.tagIds, choices.tags) },
      ];
    case "area":
      return [
        { key: "Districts", value: names(raw.districtIds, choices.districts) },
        { key: "Wards or neighbourhoods", value: str(raw.wards) || "Not given" },
      ];
    case "beneficiaries":
      return [
        { key: "People who will benefit", value: str(raw.beneficiaryCount) },
        { key: "Age groups", value: list(raw.ageGroups).map((a) => AGE_GROUPS.find((g) => g.value === a)?.text ?? a).join(", ") },
      ];
    case "dates":
      return [
        { key: "Start date", value: date(raw, "startsOn") },
        { key: "End date", value: date(raw, "endsOn") },
      ];
    case "budget": {
      const rows: SummaryRow[] = [{ key: "Amount requested", value: pounds(raw.amountRequested) }];
      for (let i = 0; i < MAX_BUDGET_LINES; i++) {
        if (str(raw[`lines.${i}.item`])) rows.push({ key: str(raw[`lines.${i}.item`]), value: pounds(raw[`lines.${i}.cost`]) });
      }
      rows.push({ key: "Other funding", value: str(raw.otherFunding) || "None" });
      return rows;
    }
    case "outcomes": {
      const rows: SummaryRow[] = [];
      for (let i = 0; i < MAX_OUTCOME_ROWS; i++) {
        const id = str(raw[`outcomes.${i}.outcomeId`]);
        if (!id) continue;
        rows.push({ key: names(id, choices.outcomes), value: `${str(raw[`outcomes.${i}.target`])} people. Measured by: ${str(raw[`outcomes.${i}.measure`])}` });
      }
      return rows;
    }
    case "safeguarding":
      return [
        { key: "Safeguarding policy", value: str(raw.hasPolicy) === "yes" ? "Yes" : "No" },
        { key: "Safeguarding lead", value: str(raw.leadName) },
        { key: "Declarations", value: list(raw.declarations).length === DECLARATIONS.length ? "All confirmed" : "Not all confirmed" },
      ];
  }
}
