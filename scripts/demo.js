// `npm run demo`: migrate, seed the West Yorkshire demo if the database is empty, build, and serve
// on http://localhost:3000, printing how to sign in. Every step is an ordinary npm script.
import { spawnSync, spawn } from "node:child_process";

const port = process.env.PORT || "3000";
const DEMO_PASSWORD = "demo-password-2026";
// Staff also enter a code from an authenticator app: these are the demo accounts' published keys
// (scripts/seed/demo-two-factor.ts, which the seed uses).
const accounts = [
  ["Applicant", "applicant@example.org", null],
  ["Assessor", "assessor@example.org", "OCAOXZ3IEXXDORCQRSG4AXGGXAHAOJPV"],
  ["Grants officer", "officer@example.org", "QUB6TBEPH7FFWA4WVKLHMAE6R6TAYPJB"],
  ["Finance", "finance@example.org", "V6ACEKRJMXXQESBJ3MHDGHP4T6CJYPS5"],
  ["Administrator", "admin@example.org", "MFLSMBTIUVLXCBMYX43ZCWYFN5XZJM6Q"],
];

function step(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

// The seed migrates first, loads the configuration only into an empty database, and adds the demo
// accounts (never in production, hence NODE_ENV=development for this step).
step("Preparing the database (data/portal.db)", "npx", ["tsx", "scripts/seed.ts"], { NODE_ENV: "development" });
step("Building the portal", "npx", ["remix", "build"], { NODE_ENV: "production" });

const signIns = [
  "",
  `Open http://localhost:${port} and sign in at http://localhost:${port}/login with any of these (password: ${DEMO_PASSWORD}):`,
  ...accounts.map(([role, email, key]) => `  ${role.padEnd(15)} ${email.padEnd(24)} ${key ? `two-factor key ${key}` : "no two-factor code"}`),
  "",
  "Staff then enter a 6-digit code: add their key to an authenticator app (time-based, 6 digits), or in",
  "another terminal print the current code with, for example:",
  "  npm run demo:code -- assessor@example.org",
  "",
  "Emails (password resets, invitations) are written to data/outbox/ as .eml files. Press Ctrl+C to stop.",
].join("\n");

console.log("\n== Starting the portal");
const server = spawn("node", ["scripts/serve.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", PORT: port, DEMO_SIGN_INS: signIns },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
