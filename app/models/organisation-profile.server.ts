/** An organisation's profile: legal details, address, income and main contact. Members edit it. */
import { eq } from "drizzle-orm";
import { organisationProfiles, organisations } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import type { OrganisationProfileInput } from "~/domain/organisations/profile";
import { recordAudit } from "./audit.server";

export type OrganisationProfile = typeof organisationProfiles.$inferSelect;

export function getOrganisationProfile(organisationId: number): OrganisationProfile | undefined {
  return getDb().select().from(organisationProfiles).where(eq(organisationProfiles.organisationId, organisationId)).get();
}

/** Saves the profile and the organisation's legal name together, with one audit event. */
export function saveOrganisationProfile(organisationId: number, actorUserId: number, input: OrganisationProfileInput, now: Date): void {
  writeTransaction((tx) => {
    const before = tx.select().from(organisationProfiles).where(eq(organisationProfiles.organisationId, organisationId)).get();
    const beforeName = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get()?.name;
    const { name, ...profile } = input;
    tx.update(organisations).set({ name }).where(eq(organisations.id, organisationId)).run();
    const row = { ...profile, organisationId, updatedAt: now };
    if (before) tx.update(organisationProfiles).set(row).where(eq(organisationProfiles.organisationId, organisationId)).run();
    else tx.insert(organisationProfiles).values(row).run();
    recordAudit(tx, {
      at: now,
      actorUserId,
      action: before ? "organisation.profile_updated" : "organisation.profile_created",
      subjectType: "organisation",
      subjectId: organisationId,
      before: before ? { name: beforeName, ...before } : null,
      after: { name, ...profile },
    });
  });
}
