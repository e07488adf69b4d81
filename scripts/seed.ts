/**
 * `npm run db:seed`: loads the West Yorkshire configuration into an empty database, and the demo
 * accounts unless NODE_ENV=production (or --no-demo-accounts is given).
 */
import { closeDatabase } from "#db/client";
import { financialYearLabel } from "~/domain/money/ledger";
import { roundsOutOfStep } from "~/models/finance/budgets.server";
import { isConfigured, seedConfiguration, seedDemoAccounts, seedDemoBudgets } from "./seed/seed";
import { DEMO_TOTP_SECRETS } from "./seed/demo-two-factor";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/west-yorkshire";

const withDemoAccounts = process.env.NODE_ENV !== "production" && !process.argv.includes("--no-demo-accounts");
const now = new Date();

if (isConfigured()) {
  console.log("The database already has funds configured; configuration left as it is.");
} else {
  seedConfiguration(now);
  console.log("Loaded the West Yorkshire configuration: 2 funds, 2 Police and Crime Plans, tags, districts, outcomes and 2 rounds.");
}
if (withDemoAccounts) {
  await seedDemoAccounts(now);
  console.log(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
  console.log(
    `Demo staff also enter a two-factor code: add their key to an authenticator app (${Object.entries(DEMO_TOTP_SECRETS)
      .map(([email, secret]) => `${email} ${secret}`)
      .join(", ")}) or run \`npm run demo:code -- EMAIL\`.`,
  );
  const budgets = seedDemoBudgets(now);
  console.log(`Demo budgets in the ledger: ${budgets.rounds} round budgets recorded; the Mayor's Safer Communities Fund has a budget for ${financialYearLabel(budgets.financialYear)}.`);
} else {
  console.log("No demo accounts created (production).");
  // A ledger entry needs a person behind it: finance records the seeded rounds' budgets from /finance/budgets.
  const waiting = roundsOutOfStep().length;
  if (waiting) console.log(`${waiting} round budgets are not in the ledger yet: finance or an administrator records them at /finance/budgets.`);
}
closeDatabase();
