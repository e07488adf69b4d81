/**
 * Data for the money journey (tests/e2e/money-journey.test.ts) that the browser cannot reach
 * quickly: the demo applicant (applicant@example.org, Calder Valley Youth Boxing Club) holding a
 * grant offer. Their complete bid is submitted to the open demo round GR8, the round is closed as if
 * its deadline had passed, and the demo grants officer (officer@example.org) marks it eligible,
 * funds it in full and releases the decision, which makes the award and its commitment in the
 * ledger. Run against the e2e server's database while the server runs (SQLite WAL lets a second
 * process write):
 *
 *   DATABASE_PATH=… npx tsx tests/e2e/money-seed.ts
 *
 * Everything is made with the app's own model functions (through the test factories where they
 * fit). No decision email is sent: the journey starts from the offer waiting in the portal. Prints
 * one line of JSON: the award, its bid reference, round, fund and amount.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, getDb } from "#db/client";
import { awards, bids, funds } from "#db/schema";
import {
  recordDecision,
  releaseDecisions,
} from "~/models/assessment/decision.server";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { submitBid } from "~/models/bid.server";
import {
  findUserByEmail,
  listOrganisationsForUser,
} from "~/models/user.server";
import { closeRound } from "../factories/assessment";
import { completeDraft } from "../factories/bids";

if (!process.env.DATABASE_PATH)
  throw new Error("Set DATABASE_PATH to the e2e server's database");

const DEMO_APPLICANT = "applicant@example.org";
const DEMO_OFFICER = "officer@example.org";
const AMOUNT_PENCE = 750_000;

function demoUser(email: string) {
  const user = findUserByEmail(email);
  if (!user)
    throw new Error(
      `${email} is missing: the e2e server seeds the demo accounts`
    );
  return user;
}

const applicant = demoUser(DEMO_APPLICANT);
const officer = demoUser(DEMO_OFFICER);
const organisation = listOrganisationsForUser(applicant.id)[0];
if (!organisation)
  throw new Error(`${DEMO_APPLICANT} belongs to no organisation`);

// Two budget lines, so the final return has spend to split: £5,500 + £2,000 = £7,500.
const { bidId, round } = completeDraft(
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
const submitted = submitBid(bidId, applicant.id, new Date());
if (!submitted.ok)
  throw new Error(
    `could not submit the demo applicant's bid: ${JSON.stringify(submitted)}`
  );

const closed = closeRound(round.id);

if (
  !recordEligibility(
    { bidId, eligible: true, reason: null, officerId: officer.id },
    new Date()
  )
)
  throw new Error(`could not mark bid ${bidId} eligible`);

const decided = recordDecision(
  {
    bidId,
    officerId: officer.id,
    outcome: "fund_full",
    amountPence: AMOUNT_PENCE,
    reasonCode: null,
    reason: null,
    feedback: null,
  },
  new Date()
);
if (!decided.ok)
  throw new Error(`could not record the decision: ${JSON.stringify(decided)}`);

const released = releaseDecisions(closed.id, officer.id, new Date());
if (!released.ok)
  throw new Error(`could not release decisions: ${JSON.stringify(released)}`);

const db = getDb();
const award = db.select().from(awards).where(eq(awards.bidId, bidId)).get();
if (!award) throw new Error(`releasing made no award for bid ${bidId}`);
const reference = db
  .select({ reference: bids.reference })
  .from(bids)
  .where(eq(bids.id, bidId))
  .get()?.reference;
if (!reference) throw new Error(`bid ${bidId} has no reference`);
const fund = db
  .select({ id: funds.id, name: funds.name })
  .from(funds)
  .where(eq(funds.id, closed.fundId))
  .get();
if (!fund) throw new Error(`round ${closed.id} has no fund`);

const result = {
  awardId: award.id,
  bidId,
  reference,
  amountPence: award.amountPence,
  roundId: closed.id,
  roundName: closed.name,
  fundId: fund.id,
  fundName: fund.name,
};
closeDatabase();
console.log(JSON.stringify(result));
