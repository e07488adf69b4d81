/**
 * `npm run db:seed`: loads the West Yorkshire configuration into an empty database, and the demo
 * accounts unless NODE_ENV=production (or --no-demo-accounts is given).
 */
import { closeDatabase } from "#db/client";
import { isConfigured, seedConfiguration, seedDemoAccounts } from "./seed/seed";
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
} else {
  console.log("No demo accounts created (production).");
}
closeDatabase();
