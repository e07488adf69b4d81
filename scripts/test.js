// `npm test`: every test, browser tests included. Makes sure Chromium is there (installing Debian's
// package when root), builds the app (the browser tests run the production server), then runs
// vitest's unit, integration and e2e projects. Extra arguments go to vitest:
//   npm test -- --project unit
//   npm test -- tests/e2e/sign-in.test.ts
// Browser tests are never skipped: without Chromium this fails, on CI and everywhere else.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium.js";

const started = Date.now();
const extraArgs = process.argv.slice(2);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function heading(text) {
  const line = "=".repeat(Math.max(60, text.length + 6));
  console.log(`\n${line}\n== ${text}\n${line}`);
}

function run(command, args, env = process.env) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function seconds() {
  return `${((Date.now() - started) / 1000).toFixed(0)}s`;
}

heading("1/3 Chromium for the browser tests");
let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  console.error(`\nnpm test stopped: the browser tests cannot run${process.env.CI === "true" ? " (CI never skips them)" : ""}.`);
  process.exit(1);
}
console.log(`Using ${chromium}`);

heading("2/3 Build (remix build)");
const buildStatus = run(npx, ["remix", "build"]);
if (buildStatus !== 0) {
  console.error(`\nnpm test stopped: the build failed (exit ${buildStatus}) after ${seconds()}.`);
  process.exit(buildStatus);
}

heading(`3/3 Tests (vitest run${extraArgs.length ? ` ${extraArgs.join(" ")}` : ""})`);
// The browser tests use the same Chromium this script found (or installed).
// A JSON report beside the console one, so the run can end on one plain line any CI can read.
const reportFile = path.join(os.tmpdir(), `vitest-report-${process.pid}.json`);
const testStatus = run(npx, ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...extraArgs], { ...process.env, CHROMIUM_PATH: chromium });
console.log(`\nnpm test ${testStatus === 0 ? "passed" : `failed (exit ${testStatus})`} in ${seconds()}.`);
if (fs.existsSync(reportFile)) {
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  fs.rmSync(reportFile, { force: true });
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
process.exit(testStatus);
