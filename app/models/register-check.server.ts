/**
 * Register checks: an organisation looked up in the Charity Commission, Companies House and
 * postcodes.io registers, each answer kept with its time and flags. A register being down is an
 * answer too ("unavailable"): it is stored, shown, and put right by running the checks again.
 */
import { and, desc, eq } from "drizzle-orm";
import { bids, organisationProfiles, organisations, plans, REGISTERS, registerChecks, rounds } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { charityFlags, companyFlags, postcodeFlags, type Flag } from "~/domain/due-diligence/flags";
import type { RegisterLookup } from "~/domain/due-diligence/register-results";
import { lookUpCharity, normaliseCharityNumber } from "~/services/charity-commission.server";
import { lookUpCompany, normaliseCompanyNumber } from "~/services/companies-house.server";
import { lookUpPostcode, normalisePostcode } from "~/services/postcodes.server";
import { now as clockNow } from "~/utils/clock.server";
import { recordAudit } from "./audit.server";

export type Register = (typeof REGISTERS)[number];
export type RegisterCheck = Omit<typeof registerChecks.$inferSelect, "result"> & { result: RegisterLookup | null };

/** The area an organisation is checked against before it has bid for anything. */
export const DEFAULT_AREA = "West Yorkshire";

/** The police force area of the plan behind the organisation's most recent bid, else the default. */
export function areaForOrganisation(organisationId: number): string {
  const latest = getDb()
    .select({ area: plans.area })
    .from(bids)
    .innerJoin(rounds, eq(rounds.id, bids.roundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .where(eq(bids.organisationId, organisationId))
    .orderBy(desc(bids.createdAt), desc(bids.id))
    .limit(1)
    .get();
  return latest?.area ?? DEFAULT_AREA;
}

/**
 * Asks each register the organisation gave us something to ask about, then stores every answer
 * with one audit event. Returns the stored checks; null for an organisation that does not exist.
 * Never throws because a register is down: that check is stored as "unavailable".
 */
export async function runRegisterChecks(
  organisationId: number,
  { area, actorUserId, now = clockNow() }: { area: string; actorUserId: number | null; now?: Date },
): Promise<RegisterCheck[] | null> {
  const organisation = getDb()
    .select({ name: organisations.name, profile: organisationProfiles })
    .from(organisations)
    .leftJoin(organisationProfiles, eq(organisationProfiles.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId))
    .get();
  if (!organisation) return null;
  const { name, profile } = organisation;
  // Without a profile there is no number or postcode to look up yet.
  if (!profile) return [];

  const planned: { register: Register; query: string; run: () => Promise<{ lookup: RegisterLookup; flags: Flag[] }> }[] = [];
  if (profile.charityNumber?.trim()) {
    const number = profile.charityNumber;
    planned.push({
      register: "charity_commission",
      query: normaliseCharityNumber(number),
      run: async () => {
        const lookup = await lookUpCharity(number);
        return { lookup, flags: charityFlags(name, lookup) };
      },
    });
  }
  if (profile.companyNumber?.trim()) {
    const number = profile.companyNumber;
    planned.push({
      register: "companies_house",
      query: normaliseCompanyNumber(number),
      run: async () => {
        const lookup = await lookUpCompany(number);
        return { lookup, flags: companyFlags(name, lookup) };
      },
    });
  }
  planned.push({
    register: "postcodes_io",
    query: normalisePostcode(profile.postcode),
    run: async () => {
      const lookup = await lookUpPostcode(profile.postcode);
      return { lookup, flags: postcodeFlags(lookup, area) };
    },
  });

  // Outside the transaction: better-sqlite3 transactions are synchronous and must not wait on the network.
  const answers = await Promise.all(planned.map(async (p) => ({ ...p, ...(await p.run()) })));

  return writeTransaction((tx) => {
    const stored = answers.map(
      (a) =>
        tx
          .insert(registerChecks)
          .values({
            organisationId,
            register: a.register,
            query: a.query,
            checkedAt: now,
            status: a.lookup.status,
            result: a.lookup,
            flags: a.flags,
          })
          .returning()
          .get() as RegisterCheck,
    );
    recordAudit(tx, {
      at: now,
      actorUserId,
      action: "register_checks.run",
      subjectType: "organisation",
      subjectId: organisationId,
      after: { area, checks: stored.map((c) => ({ id: c.id, register: c.register, query: c.query, status: c.status, flags: c.flags })) },
    });
    return stored;
  });
}

/** The newest check from each register the organisation has been looked up in. */
export function latestRegisterChecks(organisationId: number): RegisterCheck[] {
  return REGISTERS.flatMap((register) => {
    const row = getDb()
      .select()
      .from(registerChecks)
      .where(and(eq(registerChecks.organisationId, organisationId), eq(registerChecks.register, register)))
      .orderBy(desc(registerChecks.checkedAt), desc(registerChecks.id))
      .limit(1)
      .get();
    return row ? [row as RegisterCheck] : [];
  });
}
