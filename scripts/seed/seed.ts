/**
 * Loads the West Yorkshire configuration and, for demos only, one account per role. Goes through
 * the same model functions as the app, so seeded data obeys the same rules and is audited.
 */
import { count } from "drizzle-orm";
import { addDays } from "date-fns";
import { funds, memberships, organisations } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { bringRoundBudgetsIntoLedger, fundBudget, setFundBudget } from "~/models/finance/budgets.server";
import { createFund, getFundBySlug } from "~/models/fund.server";
import { createPlan } from "~/models/plan.server";
import { createRound } from "~/models/round-config.server";
import { addNamed, addOutcome } from "~/models/taxonomy.server";
import { activateTwoFactor } from "~/models/two-factor.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { instantToLondonWallClock, londonWallClockToInstant } from "~/domain/time/london";
import { hashPassword } from "~/utils/password.server";
import { demoTotpSecret } from "./demo-two-factor";
import { gr1Exists, seedGr1 } from "./gr1";
import { DEFAULT_CRITERIA, DEMO_ACCOUNTS, DEMO_PASSWORD, DISTRICTS, FUNDS, IMPACTS, MSCF_ELIGIBILITY, OUTCOMES, PLANS, REPORTING_TAGS } from "./west-yorkshire";

/**
 * Set when this process loaded the configuration into an empty database. The demo's history (GR1)
 * goes only into such a database, never into one that people are already using.
 */
let configuredInThisRun = false;

export function isConfigured(): boolean {
  return (getDb().select({ n: count() }).from(funds).get()?.n ?? 0) > 0;
}

/** A date `days` from `now`, at 5pm UK time: the usual closing time for a round. */
function ukFivePm(now: Date, days: number): Date {
  return londonWallClockToInstant(instantToLondonWallClock(addDays(now, days)).date, "17:00");
}

export function seedConfiguration(now: Date) {
  const fundIds: Record<string, number> = {};
  for (const fund of FUNDS) {
    const { defaultMaxAwardPence, ...rest } = fund;
    fundIds[fund.slug] = createFund(null, { ...rest, defaultMaxAward: defaultMaxAwardPence }, now).id;
  }
  const planIds: Record<string, number> = {};
  for (const plan of PLANS) {
    planIds[plan.slug] = createPlan(null, { ...plan }, now).id;
  }
  for (const tag of REPORTING_TAGS) addNamed("reporting_tag", null, tag, now);
  for (const district of DISTRICTS) addNamed("district", null, district, now);
  for (const name of OUTCOMES) addOutcome(null, { name, kind: "outcome" }, now);
  for (const name of IMPACTS) addOutcome(null, { name, kind: "impact" }, now);

  // One round open now and the next one opening after it closes, both relative to today so the demo
  // always has something to apply to.
  // Opened a fortnight ago, so it is open whatever the day of the month.
  const opensAt = londonWallClockToInstant(instantToLondonWallClock(addDays(now, -14)).date, "09:00");
  const closesAt = ukFivePm(now, 42);
  const nextOpens = londonWallClockToInstant(instantToLondonWallClock(addDays(closesAt, 14)).date, "09:00");
  const nextCloses = ukFivePm(nextOpens, 56);
  const deliveryStart = instantToLondonWallClock(addDays(closesAt, 45)).date;
  const common = {
    fundId: fundIds["mayors-safer-communities-fund"],
    planId: planIds["west-yorkshire-pcp-2024-28"],
    eligibility: MSCF_ELIGIBILITY,
    maxAwardPence: 800_000,
    criteria: DEFAULT_CRITERIA,
  };
  createRound(
    null,
    {
      ...common,
      name: "Grant round 8",
      slug: "gr8",
      code: "GR8",
      summary: "Grants of up to £8,000 for community projects that keep people safe, make places safer and support victims and witnesses across West Yorkshire.",
      budgetPence: 25_000_000,
      opensAt,
      closesAt,
      deliveryStartsOn: deliveryStart,
      deliveryEndsOn: instantToLondonWallClock(addDays(closesAt, 410)).date,
    },
    now,
  );
  createRound(
    null,
    {
      ...common,
      name: "Grant round 9",
      slug: "gr9",
      code: "GR9",
      summary: "Grants of up to £8,000 for community projects tackling drug and alcohol harm, serious violence and anti-social behaviour.",
      budgetPence: 20_000_000,
      opensAt: nextOpens,
      closesAt: nextCloses,
      deliveryStartsOn: instantToLondonWallClock(addDays(nextCloses, 45)).date,
      deliveryEndsOn: instantToLondonWallClock(addDays(nextCloses, 410)).date,
    },
    now,
  );
  configuredInThisRun = true;
}

/**
 * Demo sign-ins, one per role, all with the published demo password. Never in production. Staff
 * must use two-factor authentication, so each demo member of staff has an authenticator in force
 * with a published secret (demo-two-factor.ts); demo staff made before that get it on a re-run.
 */
export async function seedDemoAccounts(now: Date) {
  if (process.env.NODE_ENV === "production" && process.env.ALLOW_DEMO_ACCOUNTS !== "true") {
    throw new Error("Refusing to create demo accounts in production");
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  writeTransaction((tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const existing = findUserByEmail(account.email);
      const secret = demoTotpSecret(account.email);
      if (existing) {
        if (secret && !existing.totpConfirmedAt) activateTwoFactor(tx, { userId: existing.id, secret, step: null, now });
        continue;
      }
      const user = insertUser(tx, { email: account.email, name: account.name, role: account.role, passwordHash }, now);
      if (secret) activateTwoFactor(tx, { userId: user.id, secret, step: null, now });
      if (account.organisation) {
        const org = tx.insert(organisations).values({ name: account.organisation, createdAt: now }).returning().get();
        tx.insert(memberships).values({ userId: user.id, organisationId: org.id, createdAt: now }).run();
      }
    }
  });
}

/** The demo fund's budget for this financial year: what the two demo rounds draw on. */
export const DEMO_FUND_BUDGET = { fundSlug: "mayors-safer-communities-fund", amountPence: 45_000_000 };

/**
 * Puts the demo money in the ledger, in the demo administrator's name: the seeded rounds' budgets
 * (created before any person existed, so not yet recorded) and MSCF's budget for this financial
 * year, unless finance has already set one. Safe to run again: it only appends what is missing.
 * In a database configured by this same run it then adds the demo history (GR1), whose awards,
 * payments and audit trail need these people to exist.
 */
export function seedDemoBudgets(now: Date) {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin");
  const actor = admin && findUserByEmail(admin.email);
  if (!actor) throw new Error("The demo administrator must exist before the demo budgets");
  const rounds = bringRoundBudgetsIntoLedger(actor.id, now);
  const fund = getFundBySlug(DEMO_FUND_BUDGET.fundSlug);
  const financialYear = financialYearOf(now);
  if (fund && fundBudget(fund.id, financialYear) === 0) {
    const result = setFundBudget({ fundId: fund.id, financialYear, amountPence: DEMO_FUND_BUDGET.amountPence, actorId: actor.id }, now);
    if (!result.ok) throw new Error(result.message);
  }
  const history = configuredInThisRun ? seedDemoHistory(actor.id, now) : null;
  return { rounds, financialYear, history };
}

/**
 * GR1, the fund's first round (2021-22), with its bids, decisions, awards, payments and returns, so
 * reports and published data have a real-looking history. Its grant holders sign in with the demo
 * password, so a demo can show a funded group's side too.
 */
function seedDemoHistory(adminId: number, now: Date) {
  if (gr1Exists()) return null;
  const applicant = DEMO_ACCOUNTS.find((a) => a.role === "applicant");
  const passwordHash = applicant && findUserByEmail(applicant.email)?.passwordHash;
  const started = Date.now();
  const gr1 = seedGr1(adminId, now, { applicantPasswordHash: passwordHash });
  console.log(
    `Demo history: Grant round 1 (2021-22) with ${gr1.bids} bids and ${gr1.awards} awards totalling ${formatPence(gr1.awardedPence)}, in ${Date.now() - started} ms. Its grant holders sign in with the demo password too, e.g. ${gr1.exampleApplicantEmail}.`,
  );
  return gr1;
}
