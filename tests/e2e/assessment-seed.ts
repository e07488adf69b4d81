/**
 * Data for the assessment journey (tests/e2e/assessment-journey.test.ts) that the browser cannot
 * reach quickly: complete bids submitted to the open demo round GR8 while it is open, then the
 * round closed, as if its deadline had passed. Run against the e2e server's database while the
 * server runs (SQLite WAL lets a second process write):
 *
 *   DATABASE_PATH=… npx tsx tests/e2e/assessment-seed.ts
 *
 * One bid is the demo applicant's (applicant@example.org, Calder Valley Youth Boxing Club), so the
 * journey can check what that person sees once decisions are released; the other is from a
 * fictional community group, Holbeck Community Boxing. Everything is made with the app's own model functions (through the
 * test factories). Prints one line of JSON: the round and each bid's id, reference and owner.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, getDb } from "#db/client";
import { bids } from "#db/schema";
import { organisationProfileSchema } from "~/domain/organisations/profile";
import { submitBid } from "~/models/bid.server";
import { saveOrganisationProfile } from "~/models/organisation-profile.server";
import {
  findUserByEmail,
  listOrganisationsForUser,
} from "~/models/user.server";
import { createUser } from "../factories/accounts";
import { closeRound } from "../factories/assessment";
import { completeDraft, VALID_PROFILE } from "../factories/bids";

if (!process.env.DATABASE_PATH)
  throw new Error("Set DATABASE_PATH to the e2e server's database");

const DEMO_APPLICANT = "applicant@example.org";

function referenceOf(bidId: number): string {
  const row = getDb()
    .select({ reference: bids.reference })
    .from(bids)
    .where(eq(bids.id, bidId))
    .get();
  if (!row?.reference) throw new Error(`bid ${bidId} has no reference`);
  return row.reference;
}

const applicant = findUserByEmail(DEMO_APPLICANT);
if (!applicant)
  throw new Error(
    `${DEMO_APPLICANT} is missing: the e2e server seeds the demo accounts`
  );
const organisation = listOrganisationsForUser(applicant.id)[0];
if (!organisation)
  throw new Error(`${DEMO_APPLICANT} belongs to no organisation`);

// The demo applicant's bid first, so it is GR8-0001.
const own = completeDraft(
  { id: applicant.id, organisationId: organisation.id },
  {
    project: {
      title: "Calder Valley boxing after school",
      summary:
        "Three after-school boxing sessions a week in Hebden Bridge for young people at risk of exploitation, with mentoring.",
    },
    budget: {
      amountRequested: "7,500.00",
      "lines.0.item": "Coach fees",
      "lines.0.cost": "5,500",
      "lines.1.item": "Hall hire",
      "lines.1.cost": "2,000",
      otherFunding: "",
    },
  }
);
const submitted = submitBid(own.bidId, applicant.id, new Date());
if (!submitted.ok)
  throw new Error(
    `could not submit the demo applicant's bid: ${JSON.stringify(submitted)}`
  );

// A fictional community group's bid, by a new applicant account. completeDraft gives every
// organisation the demo club's profile, so this one is given its own before it submits.
const OTHER_ORGANISATION = "Holbeck Community Boxing";
const groupApplicant = await createUser("applicant", {
  name: "Daniel Okafor",
  organisationName: OTHER_ORGANISATION,
});
const group = completeDraft(groupApplicant, {
  budget: {
    amountRequested: "6,000.00",
    "lines.0.item": "Coach fees",
    "lines.0.cost": "4,500",
    "lines.1.item": "Kit",
    "lines.1.cost": "1,500",
    otherFunding: "",
  },
});
saveOrganisationProfile(
  groupApplicant.organisationId!,
  groupApplicant.id,
  organisationProfileSchema.parse({
    ...VALID_PROFILE,
    name: OTHER_ORGANISATION,
    charityNumber: "1000002",
    addressLine1: "2 Holbeck Lane",
    contactName: "Daniel Okafor",
    contactEmail: "daniel@holbeck-boxing.example.org",
  }),
  new Date()
);
const groupSubmitted = submitBid(group.bidId, groupApplicant.id, new Date());
if (!groupSubmitted.ok)
  throw new Error(
    `could not submit the community group's bid: ${JSON.stringify(
      groupSubmitted
    )}`
  );

const round = closeRound(own.round.id);

const result = {
  roundId: round.id,
  roundName: round.name,
  bids: [
    {
      bidId: own.bidId,
      reference: referenceOf(own.bidId),
      applicantEmail: DEMO_APPLICANT,
      amountPence: 750_000,
    },
    {
      bidId: group.bidId,
      reference: referenceOf(group.bidId),
      applicantEmail: groupApplicant.email,
      amountPence: 600_000,
    },
  ],
};
closeDatabase();
console.log(JSON.stringify(result));
