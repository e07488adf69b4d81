/** postcodes.io: where a postcode is (district, ward, police force area). Needs no key. */
import { z } from "zod";
import type { PostcodeLookup } from "~/domain/due-diligence/register-results";
import { getEnv } from "~/utils/env.server";
import { askRegister, unavailable } from "./register-http.server";

const postcodeAnswer = z.object({
  result: z
    .object({
      postcode: z.string(),
      admin_district: z.string().nullish(),
      admin_ward: z.string().nullish(),
      pfa: z.string().nullish(),
    })
    .nullish(),
});

/** "ls1  1ur " becomes "LS1 1UR", the way the postcode is written on the check. */
export function normalisePostcode(input: string): string {
  return input.trim().replace(/\s+/g, " ").toUpperCase();
}

export async function lookUpPostcode(postcode: string): Promise<PostcodeLookup> {
  try {
    const compact = normalisePostcode(postcode).replace(/ /g, "");
    if (!/^[A-Z0-9]{2,8}$/.test(compact)) return { status: "not_found" };
    const env = getEnv();
    const answer = await askRegister(`${env.POSTCODES_API_URL}/postcodes/${compact}`, { timeoutMs: env.REGISTER_TIMEOUT_MS });
    if (answer.status !== "ok") return answer;
    const parsed = postcodeAnswer.safeParse(answer.body);
    if (!parsed.success) return unavailable("postcodes.io's answer could not be read");
    const result = parsed.data.result;
    if (!result) return { status: "not_found" };
    return {
      status: "found",
      postcode: result.postcode,
      district: result.admin_district ?? null,
      ward: result.admin_ward ?? null,
      policeForceArea: result.pfa ?? null,
    };
  } catch {
    return unavailable("The postcodes.io check could not be made");
  }
}
