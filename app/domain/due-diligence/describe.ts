/** One sentence per register check, in the words a grants officer reads on the organisation page. */
import { formatPence } from "~/domain/money/money";
import { formatIsoDate } from "~/domain/time/london";
import type { CharityLookup, CompanyLookup, PostcodeLookup, RegisterLookup } from "./register-results";

export const REGISTER_NAMES = {
  charity_commission: "Charity Commission",
  companies_house: "Companies House",
  postcodes_io: "Postcode (postcodes.io)",
} as const;

export type RegisterName = keyof typeof REGISTER_NAMES;

export const CHECK_STATUS_LABELS = { found: "Found", not_found: "Not found", unavailable: "Unavailable" } as const;

function describeCharity(c: CharityLookup, query: string): string {
  if (c.status === "not_found") return `No charity numbered ${query} is on the register.`;
  if (c.status === "unavailable") return `${c.reason}. Re-run the checks later.`;
  const parts = [`${c.name}, charity ${c.number}`];
  parts.push(c.registered ? (c.registeredOn ? `registered on ${formatIsoDate(c.registeredOn)}` : "registered") : c.removedOn ? `removed on ${formatIsoDate(c.removedOn)}` : "removed from the register");
  if (c.latestIncomePence !== null) parts.push(`latest income ${formatPence(c.latestIncomePence)}`);
  return `${parts.join(", ")}.`;
}

// Companies House's type codes that community groups use; any other is shown with spaces for hyphens.
const COMPANY_TYPES: Record<string, string> = {
  ltd: "private limited company",
  plc: "public limited company",
  "private-limited-guarant-nsc": "private company limited by guarantee",
  "private-limited-guarant-nsc-limited-exemption": "private company limited by guarantee",
  "community-interest-company": "community interest company",
  "charitable-incorporated-organisation": "charitable incorporated organisation",
  "scottish-charitable-incorporated-organisation": "Scottish charitable incorporated organisation",
  "registered-society-non-jurisdictional": "registered society",
};

function describeCompany(c: CompanyLookup, query: string): string {
  if (c.status === "not_found") return `No company numbered ${query} is on the register.`;
  if (c.status === "unavailable") return `${c.reason}. Re-run the checks later.`;
  const type = c.companyType ? `, ${COMPANY_TYPES[c.companyType] ?? c.companyType.replace(/-/g, " ")}` : "";
  const ceased = c.ceasedOn ? ` since ${formatIsoDate(c.ceasedOn)}` : "";
  return `${c.name}, company ${c.number}${type}, status ${c.companyStatus.replace(/-/g, " ")}${ceased}.`;
}

function describePostcode(p: PostcodeLookup, query: string): string {
  if (p.status === "not_found") return `${query} is not a postcode in use.`;
  if (p.status === "unavailable") return `${p.reason}. Re-run the checks later.`;
  const place = [p.ward && `${p.ward} ward`, p.district].filter(Boolean).join(", ");
  const force = p.policeForceArea ? `${p.policeForceArea} police force area` : "no police force area given";
  return `${p.postcode}: ${place ? `${place}, ` : ""}${force}.`;
}

export function describeCheck(register: RegisterName, result: RegisterLookup | null, query: string): string {
  if (!result) return "No details were kept for this check.";
  switch (register) {
    case "charity_commission":
      return describeCharity(result as CharityLookup, query);
    case "companies_house":
      return describeCompany(result as CompanyLookup, query);
    case "postcodes_io":
      return describePostcode(result as PostcodeLookup, query);
  }
}
