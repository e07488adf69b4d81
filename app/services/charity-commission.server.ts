/**
 * Charity Commission for England and Wales register API: one charity's details by its registered
 * number. Field names are the API's own (allcharitydetailsV2); reg_status is "R" while registered
 * and "RM" once removed.
 */
import { z } from "zod";
import type { CharityLookup } from "~/domain/due-diligence/register-results";
import { getEnv } from "~/utils/env.server";
import { askRegister, isoDay, unavailable } from "./register-http.server";

const charityDetails = z.object({
  reg_charity_number: z.union([z.number(), z.string()]).nullish(),
  charity_name: z.string().min(1),
  reg_status: z.string().nullish(),
  date_of_registration: z.string().nullish(),
  date_of_removal: z.string().nullish(),
  // Pounds, sometimes with pence after the point.
  latest_income: z.number().nullish(),
  charity_co_reg_number: z.string().nullish(),
});

/** "1 000 001" and "1000001" are the same charity; a linked charity is written "1000001-2". */
export function normaliseCharityNumber(input: string): string {
  return input.replace(/\s+/g, "");
}

export async function lookUpCharity(charityNumber: string): Promise<CharityLookup> {
  try {
    const number = normaliseCharityNumber(charityNumber);
    const parts = /^(\d{1,8})(?:-(\d{1,3}))?$/.exec(number);
    // Not shaped like a charity number, so it cannot be on the register: no need to ask.
    if (!parts) return { status: "not_found" };
    const env = getEnv();
    if (!env.CHARITY_COMMISSION_API_KEY) return unavailable("No Charity Commission API key is configured");
    const answer = await askRegister(`${env.CHARITY_COMMISSION_API_URL}/allcharitydetailsV2/${parts[1]}/${parts[2] ?? "0"}`, {
      headers: { "Ocp-Apim-Subscription-Key": env.CHARITY_COMMISSION_API_KEY },
      timeoutMs: env.REGISTER_TIMEOUT_MS,
    });
    if (answer.status !== "ok") return answer;
    // The register answers an unknown number with an empty body rather than always a 404.
    const parsed = charityDetails.safeParse(answer.body);
    if (!parsed.success) return { status: "not_found" };
    const c = parsed.data;
    const removedOn = isoDay(c.date_of_removal);
    return {
      status: "found",
      number: c.reg_charity_number != null ? String(c.reg_charity_number) : number,
      name: c.charity_name.trim(),
      registered: c.reg_status === "R" && !removedOn,
      registeredOn: isoDay(c.date_of_registration),
      removedOn,
      latestIncomePence: c.latest_income == null ? null : Math.round(c.latest_income * 100),
      companyNumber: c.charity_co_reg_number?.trim() || null,
    };
  } catch {
    return unavailable("The Charity Commission check could not be made");
  }
}
