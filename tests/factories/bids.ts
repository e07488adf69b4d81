/** Bids for tests: a configured round, a complete set of answers, a profile and documents. */
import { writeTransaction } from "#db/client";
import { attachments } from "#db/schema";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { saveSection, startBid } from "~/models/bid.server";
import { saveOrganisationProfile } from "~/models/organisation-profile.server";
import { getOrganisationForMember } from "~/models/user.server";
import { getRoundBySlugs } from "~/models/round.server";
import { SECTIONS } from "~/domain/bids/sections";
import { organisationProfileSchema } from "~/domain/organisations/profile";
import { seedConfiguration } from "../../scripts/seed/seed";

export function openRound() {
  if (!getRoundBySlugs("mayors-safer-communities-fund", "gr8")) seedConfiguration(new Date());
  return getRoundBySlugs("mayors-safer-communities-fund", "gr8")!;
}

/** Answers for every page, as a person would type them, valid for the round. */
export function validAnswers(roundId: number, overrides: Record<string, Record<string, unknown>> = {}) {
  const choices = loadBidChoices(roundId);
  const ctx = bidContextFrom(choices);
  const [y, m, d] = ctx.deliveryStartsOn.split("-");
  const [ey, em, ed] = ctx.deliveryEndsOn.split("-");
  const drugs = choices.tags.find((t) => t.name === "Drugs and Alcohol")!;
  const answers: Record<string, Record<string, unknown>> = {
    project: { title: "Holbeck youth boxing nights", summary: "Twice-weekly boxing sessions for young people at risk of exploitation, with mentoring." },
    need: { need: "Local police data shows a rise in youth anti-social behaviour on weekday evenings.", activities: "Two evening sessions a week led by qualified coaches, with a mentor on hand." },
    priorities: { priorityIds: [String(choices.priorities[0].id)], themeIds: [String(choices.themes[2].id)], tagIds: [String(drugs.id)] },
    area: { districtIds: [String(choices.districts.find((x) => x.name === "Leeds")!.id)], wards: "Beeston and Holbeck" },
    beneficiaries: { beneficiaryCount: "60", ageGroups: ["11_17", "18_25"] },
    dates: { startsOnDay: String(Number(d)), startsOnMonth: String(Number(m)), startsOnYear: y, endsOnDay: String(Number(ed)), endsOnMonth: String(Number(em)), endsOnYear: ey },
    budget: { amountRequested: "8,000.00", "lines.0.item": "Coach fees", "lines.0.cost": "6000", "lines.1.item": "Equipment", "lines.1.cost": "2,000.00", otherFunding: "" },
    outcomes: { "outcomes.0.outcomeId": String(choices.outcomes[0].id), "outcomes.0.target": "40", "outcomes.0.measure": "Attendance registers and a wellbeing survey" },
    safeguarding: { hasPolicy: "yes", leadName: "Jo Bloggs", declarations: ["accurate", "purpose", "checks"] },
    ...overrides,
  };
  return answers;
}

export const VALID_PROFILE = {
  name: "Calder Valley Youth Boxing Club",
  type: "registered_charity",
  charityNumber: "1000001",
  companyNumber: "",
  addressLine1: "1 Mill Street",
  addressLine2: "",
  town: "Leeds",
  postcode: "LS1 1UR",
  annualIncome: "45,000",
  contactName: "Aisha Khan",
  contactEmail: "aisha@example.org",
  contactPhone: "0113 496 0000",
};

/** A draft with every page, the organisation's details and the three documents: ready to submit. */
export function completeDraft(user: { id: number; organisationId?: number }, overrides: Record<string, Record<string, unknown>> = {}) {
  const round = openRound();
  const bidId = startBid({ userId: user.id, organisationId: user.organisationId!, roundId: round.id }, new Date());
  const answers = validAnswers(round.id, overrides);
  for (const section of SECTIONS) saveSection(bidId, user.id, section.key, answers[section.key], new Date());
  // Each organisation keeps its own name: the profile only adds the details every bid needs.
  const name = getOrganisationForMember(user.organisationId!, user.id)?.name ?? VALID_PROFILE.name;
  saveOrganisationProfile(user.organisationId!, user.id, organisationProfileSchema.parse({ ...VALID_PROFILE, name }), new Date());
  addDocuments(bidId, user);
  return { bidId, round };
}

/** Document rows only (the upload route and storage are tested on their own). */
export function addDocuments(bidId: number, user: { id: number; organisationId?: number }) {
  writeTransaction((tx) => {
    for (const kind of ["governing_document", "accounts", "safeguarding_policy"] as const) {
      tx.insert(attachments)
        .values({ organisationId: user.organisationId!, bidId, kind, originalName: `${kind}.pdf`, storedName: `${bidId}-${kind}-${Math.random()}`, mimeType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), uploadedBy: user.id, uploadedAt: new Date() })
        .run();
    }
  });
}
