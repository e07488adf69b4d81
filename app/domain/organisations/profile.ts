/** The organisation profile form: who the group is, where, how big, and who to contact. */
import { z } from "zod";
import { parsePounds } from "~/domain/money/money";

export const ORGANISATION_TYPES = [
  { value: "registered_charity", text: "Registered charity", charity: true, company: false },
  { value: "cio", text: "Charitable incorporated organisation (CIO)", charity: true, company: false },
  { value: "community_interest_company", text: "Community interest company (CIC)", charity: false, company: true },
  { value: "company_limited_by_guarantee", text: "Company limited by guarantee", charity: false, company: true },
  { value: "constituted_group", text: "Constituted community group", charity: false, company: false },
  { value: "faith_group", text: "Faith group", charity: false, company: false },
  { value: "school_or_college", text: "School or college", charity: false, company: false },
  { value: "other", text: "Other", charity: false, company: false },
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number]["value"];

/** UK postcodes, loosely: the register check (postcodes.io) is the real test. */
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

const text = (what: string, max: number) =>
  z.string({ required_error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `${what[0].toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

const optional = (max: number, what: string) =>
  z.string().trim().max(max, `${what} must be ${max} characters or fewer`).optional().transform((v) => (v ? v : null));

export const organisationProfileSchema = z
  .object({
    name: text("the legal name of your organisation", 200),
    type: z.enum(ORGANISATION_TYPES.map((t) => t.value) as [OrganisationType, ...OrganisationType[]], { errorMap: () => ({ message: "Select the type of organisation" }) }),
    charityNumber: optional(20, "Charity number"),
    companyNumber: optional(20, "Company number"),
    addressLine1: text("the first line of the address", 120),
    addressLine2: optional(120, "Address line 2"),
    town: text("the town or city", 80),
    postcode: text("the postcode", 10).refine((v) => POSTCODE.test(v), "Enter a real postcode, like LS1 1UR").transform(normalisePostcode),
    annualIncome: text("your annual income", 20).transform((v, ctx) => {
      const pence = parsePounds(v);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: "Annual income must be an amount of money in pounds, like 12000 or 12,000.00" });
        return z.NEVER;
      }
      return pence;
    }),
    contactName: text("the main contact's name", 120),
    contactEmail: z.string().trim().min(1, "Enter the main contact's email address").max(254).email("Enter an email address in the correct format, like name@example.org"),
    contactPhone: text("the main contact's phone number", 30).refine((v) => /^[+\d][\d\s()-]{6,}$/.test(v), "Enter a telephone number, like 0113 496 0000 or +44 113 496 0000"),
  })
  .superRefine((v, ctx) => {
    const type = ORGANISATION_TYPES.find((t) => t.value === v.type)!;
    if (type.charity && !v.charityNumber) ctx.addIssue({ code: "custom", path: ["charityNumber"], message: "Enter your charity number" });
    if (v.charityNumber && !/^\d{6,8}$/.test(v.charityNumber)) ctx.addIssue({ code: "custom", path: ["charityNumber"], message: "Charity number must be 6 to 8 digits, like 1234567" });
    if (type.company && !v.companyNumber) ctx.addIssue({ code: "custom", path: ["companyNumber"], message: "Enter your company number" });
    if (v.companyNumber && !/^([A-Z]{2}\d{6}|\d{8})$/i.test(v.companyNumber)) ctx.addIssue({ code: "custom", path: ["companyNumber"], message: "Company number must be 8 characters, like 01234567 or SC123456" });
  })
  .transform(({ annualIncome, ...rest }) => ({ ...rest, companyNumber: rest.companyNumber?.toUpperCase() ?? null, annualIncomePence: annualIncome }));

export type OrganisationProfileInput = z.output<typeof organisationProfileSchema>;
