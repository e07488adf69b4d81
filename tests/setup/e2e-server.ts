/**
 * The real production server for one browser-test file: its own SQLite file and mail outbox in a
 * temporary folder, migrated and seeded with the West Yorkshire configuration and the demo
 * accounts, served by `node scripts/serve.js` exactly as `npm start` does. Needs `npx remix build`
 * first (npm test does it).
 *
 *   let server: E2eServer;
 *   beforeAll(async () => { server = await startE2eServer(); });
 *   afterAll(() => server?.stop());
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type E2eServer = {
  baseUrl: string;
  /** Where this server's e-mails are written as .eml files. */
  outbox: string;
  /** Everything the server has printed so far. */
  output(): string;
  stop(): Promise<void>;
};

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion, resolving with its output; rejects with the output on failure. */
function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`\`${command} ${args.join(" ")}\` failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitForHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up (${child.signalCode ?? `exit ${child.exitCode}`})`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthcheck`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `GET /healthcheck answered ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer GET /healthcheck with 200 within ${STARTUP_TIMEOUT_MS / 1000}s (${last})`);
}

export async function startE2eServer(): Promise<E2eServer> {
  for (const built of ["build/index.js", "public/build"]) {
    if (!fs.existsSync(path.join(ROOT, built))) {
      throw new Error(`${built} is missing: run \`npx remix build\` before the browser tests (npm test does this).`);
    }
  }

  const dir = path.join(ROOT, "tests/.tmp", `e2e-${process.pid}-${crypto.randomBytes(6).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const dataEnv = {
    DATABASE_PATH: path.join(dir, "portal.db"),
    MAIL_OUTBOX: path.join(dir, "outbox"),
    UPLOAD_DIR: path.join(dir, "uploads"),
    // The browser tests never reach the internet: registers point at a closed loopback port, so
    // every check is answered at once as "unavailable", as it would be when a register is down.
    CHARITY_COMMISSION_API_URL: "http://127.0.0.1:9",
    COMPANIES_HOUSE_API_URL: "http://127.0.0.1:9",
    POSTCODES_API_URL: "http://127.0.0.1:9",
    // Production refuses to start without its own key for two-factor secrets: a fresh one per
    // server, shared with the seed that stores the demo staff's secrets.
    TOTP_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  };

  try {
    // Demo accounts are refused in production, so the seed runs as a test process.
    await runToEnd("npx", ["tsx", "scripts/seed.ts"], { ...process.env, ...dataEnv, NODE_ENV: "test" });
  } catch (error) {
    removeDir();
    throw error;
  }

  const port = await freePort();
  // localhost, not 127.0.0.1: Chromium accepts the production `Secure` session cookie over plain
  // HTTP only on localhost.
  const baseUrl = `http://localhost:${port}`;
  const child = spawn("node", ["scripts/serve.js"], {
    cwd: ROOT,
    env: { ...process.env, ...dataEnv, NODE_ENV: "production", PORT: String(port), PUBLIC_URL: baseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited(child);
      clearTimeout(killed);
    }
    removeDir();
  }

  try {
    await waitForHealthy(baseUrl, child);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The e2e server did not start: ${reason}\n--- server output ---\n${output || "(none)"}\n---------------------`);
  }

  return { baseUrl, outbox: dataEnv.MAIL_OUTBOX, output: () => output, stop };
}
