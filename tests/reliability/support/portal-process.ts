/**
 * The real production server (`node scripts/serve.js`, as `npm start` runs it) as a child process
 * on a database file the test chooses, so a test can SIGKILL it and start it again on the same
 * files. Unlike tests/setup/e2e-server.ts it neither seeds nor deletes anything: the files outlive
 * the process, which is the point.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

export type PortalFiles = { databasePath: string; dir: string };

export type Portal = {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server has printed so far. */
  output(): string;
  /** Sends SIGKILL at once: no handler runs, nothing is flushed, as in a crash. */
  kill(): Promise<void>;
  /** A graceful stop (SIGTERM), as an operator would. */
  stop(): Promise<void>;
};

/** Fails early with a clear message when the production build is missing. */
export function requireBuild(): void {
  for (const built of ["build/index.js", "public/build"]) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`npx remix build\` before the reliability tests (npm test does this).`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** The environment every process touching these files gets: its own outbox and uploads, no internet. */
export function portalEnv(files: PortalFiles): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_PATH: files.databasePath,
    MAIL_OUTBOX: path.join(files.dir, "outbox"),
    UPLOAD_DIR: path.join(files.dir, "uploads"),
    // Registers point at a closed loopback port: every check is answered at once as "unavailable".
    CHARITY_COMMISSION_API_URL: "http://127.0.0.1:9",
    COMPANIES_HOUSE_API_URL: "http://127.0.0.1:9",
    POSTCODES_API_URL: "http://127.0.0.1:9",
  };
}

export async function startPortal(files: PortalFiles): Promise<Portal> {
  requireBuild();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    cwd: ROOT,
    // DEMO_MODE keeps the production build's session cookie usable over plain http on loopback.
    env: { ...portalEnv(files), NODE_ENV: "production", DEMO_MODE: "true", PORT: String(port), PUBLIC_URL: baseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const portal: Portal = {
    baseUrl,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited(child);
        clearTimeout(force);
      }
    },
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited during start-up (${child.signalCode ?? `exit ${child.exitCode}`}):\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthcheck`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return portal;
      last = `GET /healthcheck answered ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await portal.kill();
  throw new Error(`The server did not answer GET /healthcheck within ${STARTUP_TIMEOUT_MS / 1000}s (${last}):\n${output}`);
}

/** Runs an npm script (`npm run db:backup -- ...`) as its own process, as an operator would. */
export function runNpmScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** The "Rows:" block the backup and restore scripts print, as table name -> count. */
export function printedCounts(stdout: string): Record<string, number> {
  const block = stdout.split(/^Rows:$/m)[1] ?? "";
  return Object.fromEntries([...block.matchAll(/^ {2}(\S+)\s+(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
}
