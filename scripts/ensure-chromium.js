// Finds the Chromium the browser tests drive, and installs Debian's package when it is missing and
// we are allowed to (root with apt-get). Nothing is ever downloaded from a browser CDN: playwright's
// own `npx playwright install` is not used because only npm and Debian packages are reachable.
// Run alone: `node scripts/ensure-chromium.js`. Also imported by scripts/test.js and tests/setup/browser.ts.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const CANDIDATES = ["chromium", "chromium-browser"];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/**
 * The Chromium to use: CHROMIUM_PATH if set, else /usr/bin/chromium, else `chromium` on PATH.
 * @returns {string | undefined}
 */
export function findChromium() {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const name of CANDIDATES) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

export const INSTALL_HELP = [
  "The browser tests need Chromium, and none was found (looked for /usr/bin/chromium and chromium on PATH).",
  "Install it with:",
  "  sudo apt-get update && sudo apt-get install -y chromium",
  "or point CHROMIUM_PATH at a Chromium or Chrome executable.",
].join("\n");

/**
 * Returns the Chromium path, installing Debian's `chromium` package first if it is missing and we
 * are root with apt-get. Throws with install instructions when neither works.
 * @returns {string}
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.env.CHROMIUM_PATH || !isRoot || !onPath("apt-get")) {
    throw new Error(process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file.` : INSTALL_HELP);
  }
  console.log("Chromium is missing; installing Debian's chromium package with apt-get.");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    console.log(`$ apt-get ${args.join(" ")}`);
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).\n${INSTALL_HELP}`);
    }
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no executable was found.\n${INSTALL_HELP}`);
  return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    console.log(`Chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
