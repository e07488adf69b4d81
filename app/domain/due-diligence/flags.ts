/**
 * Due-diligence flags: what a grants officer should look at before funding an organisation, worked
 * out from what the public registers said. Pure, so the officers' screen and the tests share it.
 */
import type { CharityLookup, CompanyLookup, PostcodeLookup } from "./register-results";

export const FLAGS = [
  "charity_removed",
  "charity_not_found",
  "company_dissolved",
  "company_not_found",
  "postcode_not_found",
  "postcode_outside_area",
  "name_mismatch",
  "register_unavailable",
] as const;

export type Flag = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<Flag, string> = {
  charity_removed: "Charity removed",
  charity_not_found: "Charity not found",
  company_dissolved: "Company not active",
  company_not_found: "Company not found",
  postcode_not_found: "Postcode not found",
  postcode_outside_area: "Outside the fund's area",
  name_mismatch: "Name does not match register",
  register_unavailable: "Register unavailable",
};

/** Red for something wrong with the organisation; grey when we simply could not ask. */
export function flagColour(flag: string): "red" | "grey" {
  return flag === "register_unavailable" ? "grey" : "red";
}

/** Stored flags may outlive a rename here, so an unknown code is shown as it was stored. */
export function flagLabel(flag: string): string {
  return (FLAG_LABELS as Record<string, string>)[flag] ?? flag;
}

// Words that registers add or drop without it being a different organisation. "cyf" and
// "cyfyngedig" are the Welsh for "limited", which Companies House accepts in names.
const IGNORED_WORDS = new Set(["the", "and", "ltd", "limited", "cic", "cyf", "cyfyngedig"]);

/** "The St. George's Crypt Ltd" and "ST GEORGES CRYPT LIMITED" both become "stgeorgescrypt". */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/community interest company/g, " cic ")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((word) => word && !IGNORED_WORDS.has(word))
    .join("");
}

export function namesMatch(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

export function charityFlags(organisationName: string, charity: CharityLookup): Flag[] {
  if (charity.status === "unavailable") return ["register_unavailable"];
  if (charity.status === "not_found") return ["charity_not_found"];
  const flags: Flag[] = [];
  if (!charity.registered) flags.push("charity_removed");
  if (!namesMatch(organisationName, charity.name)) flags.push("name_mismatch");
  return flags;
}

export function companyFlags(organisationName: string, company: CompanyLookup): Flag[] {
  if (company.status === "unavailable") return ["register_unavailable"];
  if (company.status === "not_found") return ["company_not_found"];
  const flags: Flag[] = [];
  // Liquidation, administration and the rest are as much a warning as dissolution itself.
  if (company.companyStatus !== "active") flags.push("company_dissolved");
  if (!namesMatch(organisationName, company.name)) flags.push("name_mismatch");
  return flags;
}

/** `area` is a police force area name, as a plan's `area` holds it ("West Yorkshire"). */
export function postcodeFlags(postcode: PostcodeLookup, area: string): Flag[] {
  if (postcode.status === "unavailable") return ["register_unavailable"];
  if (postcode.status === "not_found") return ["postcode_not_found"];
  const inArea = (postcode.policeForceArea ?? "").trim().toLowerCase() === area.trim().toLowerCase();
  return inArea ? [] : ["postcode_outside_area"];
}

export type DueDiligenceInput = {
  organisation: { name: string };
  /** Absent when the organisation gave no charity (or company) number, so there was nothing to ask. */
  charity?: CharityLookup;
  company?: CompanyLookup;
  postcode?: PostcodeLookup;
  area: string;
};

/** Every flag for the organisation, once each, in a fixed order so screens do not reshuffle. */
export function dueDiligenceFlags(input: DueDiligenceInput): Flag[] {
  const raised = new Set<string>([
    ...(input.charity ? charityFlags(input.organisation.name, input.charity) : []),
    ...(input.company ? companyFlags(input.organisation.name, input.company) : []),
    ...(input.postcode ? postcodeFlags(input.postcode, input.area) : []),
  ]);
  return FLAGS.filter((flag) => raised.has(flag));
}

/** The same ordering and de-duplication for flags read back from stored checks. */
export function combineFlags(lists: readonly (readonly string[])[]): string[] {
  const raised = new Set(lists.flat());
  const known = FLAGS.filter((flag) => raised.has(flag));
  const unknown = [...raised].filter((flag) => !(FLAGS as readonly string[]).includes(flag));
  return [...known, ...unknown];
}
