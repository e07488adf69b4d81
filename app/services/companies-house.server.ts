/**
 * Companies House public data API: a company's profile by its number. The API key is sent as the
 * basic-auth user name with an empty password, as Companies House asks.
 */
import { z } from "zod";
import type { CompanyLookup } from "~/domain/due-diligence/register-results";
import { getEnv } from "~/utils/env.server";
import { askRegister, isoDay, unavailable } from "./register-http.server";

const companyProfile = z.object({
  company_number: z.string().nullish(),
  company_name: z.string().min(1),
  company_status: z.string().min(1),
  type: z.string().nullish(),
  date_of_creation: z.string().nullish(),
  date_of_cessation: z.string().nullish(),
});

/**
 * Company numbers are eight characters; people often drop the leading zeros ("1234567" for
 * "01234567"), and the API does not find a number without them.
 */
export function normaliseCompanyNumber(input: string): string {
  const compact = input.replace(/\s+/g, "").toUpperCase();
  return /^\d{1,7}$/.test(compact) ? compact.padStart(8, "0") : compact;
}

export async function lookUpCompany(companyNumber: string): Promise<CompanyLookup> {
  try {
    const number = normaliseCompanyNumber(companyNumber);
    if (!/^[A-Z0-9]{8}$/.test(number)) return { status: "not_found" };
    const env = getEnv();
    if (!env.COMPANIES_HOUSE_API_KEY) return unavailable("No Companies House API key is configured");
    const answer = await askRegister(`${env.COMPANIES_HOUSE_API_URL}/company/${number}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${env.COMPANIES_HOUSE_API_KEY}:`).toString("base64")}` },
      timeoutMs: env.REGISTER_TIMEOUT_MS,
    });
    if (answer.status !== "ok") return answer;
    const parsed = companyProfile.safeParse(answer.body);
    if (!parsed.success) return unavailable("Companies House's answer could not be read");
    const c = parsed.data;
    return {
      status: "found",
      number: c.company_number ?? number,
      name: c.company_name.trim(),
      companyStatus: c.company_status,
      companyType: c.type ?? null,
      incorporatedOn: isoDay(c.date_of_creation),
      ceasedOn: isoDay(c.date_of_cessation),
    };
  } catch {
    return unavailable("The Companies House check could not be made");
  }
}
