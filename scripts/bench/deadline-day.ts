/**
 * The deadline-day part of `npm run bench`, on the generated data set, in this order:
 *
 * 1. The raw committed-insert rate on the same disk, none of the benchmark's servers running.
 * 2. rush-setup.ts prepares 500 applicants (drafts complete but for the last page, sessions
 *    ready) in a round that closes 62 s after it finishes, and an assessor with 120 assessments.
 * 3. The production server starts with the public registers answered on loopback (2-3 s), so the
 *    rush begins in the round's last minute.
 * 4. The rush: every applicant saves the last page and submits, from 100 connections; a submit
 *    that arrives after the closing instant is refused by the portal, as on the real day. Then the
 *    database is read to check that every submission is there exactly once.
 * 5. The raw rate again, the server idle (disks vary; the higher of the two is the limit the rush
 *    is compared with).
 * 6. The public round page and the assessor's dashboard, each against a bare node:http server
 *    serving a copy of the same page, with the same connections and duration.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { checkRush, runRush, type RushCheck, type RushRun } from "./deadline-rush";
import { cpuSeconds, measureThroughput, startBareServer, writeCapture, type Throughput } from "./page-throughput";
import { measureRawInsertRate, type RawInsertRate } from "./raw-insert-rate";
import { startRegistersStub } from "./registers-stub";
import type { RushSetup } from "./rush-setup";

export const RUSH = { applicants: 500, connections: 100, closesInS: 62, requestTimeoutS: 30 };
export const PAGES = { connections: 10, durationS: 10, warmupS: 2 };
export const RAW = { maxMs: 5_000, maxRows: 100_000 };

type Server = { origin: string; pid: number; stop: () => Promise<void> };
export type DeadlineContext = {
  root: string;
  tmp: string;
  dbFile: string;
  servers: Set<ChildProcess>;
  log: (line: string) => void;
  startServer: (dbFile: string, name: string, env: Record<string, string>) => Promise<Server>;
};

export type PageComparison = { name: string; path: string; bytes: number; bare: Throughput; app: Throughput; ratio: number };
export type DeadlineDay = {
  setupMs: number;
  assessments: number;
  raw: RawInsertRate[];
  rawLimit: number;
  rush: RushRun;
  check: RushCheck;
  serverCpuS: number;
  registerRequests: number;
  submissionsPerSecond: number;
  ratio: number;
  pages: PageComparison[];
};

const SERVER_NAME = "deadline";

function prepare(ctx: DeadlineContext, out: string): Promise<{ setupMs: number; assessments: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/bench/rush-setup.ts", out, String(RUSH.applicants), String(RUSH.closesInS)], {
      cwd: ctx.root,
      // The server's environment, so the cookies carry the name the server reads.
      env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "true", DATABASE_PATH: ctx.dbFile, UPLOAD_DIR: path.join(ctx.tmp, `uploads-${SERVER_NAME}`), MAIL_OUTBOX: path.join(ctx.tmp, `outbox-${SERVER_NAME}`) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    ctx.servers.add(child);
    let text = "";
    let pending = "";
    child.stdout.on("data", (d) => {
      text += d;
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith("progress: ")) ctx.log(`  ${line.slice("progress: ".length)}`);
    });
    child.stderr.on("data", (d) => (text += d));
    child.on("exit", (code) => {
      ctx.servers.delete(child);
      if (code !== 0) return reject(new Error(`Preparing the rush failed (exit ${code}):\n${text}`));
      resolve(JSON.parse(text.trim().split("\n").pop()!));
    });
  });
}

function get(origin: string, pathname: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(pathname, origin), { headers: cookie ? { Cookie: cookie } : {}, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function comparePage(ctx: DeadlineContext, server: Server, name: string, pathname: string, expect: string, cookie?: string): Promise<PageComparison> {
  const page = await get(server.origin, pathname, cookie);
  if (page.status !== 200 || !page.body.includes(expect)) throw new Error(`${pathname} answered ${page.status} without "${expect}"`);
  const file = writeCapture(ctx.tmp, name.replace(/\W+/g, "-").toLowerCase(), page.body);
  const bare = await startBareServer(ctx.root, file, ctx.servers);
  const bareRun = await measureThroughput(`${bare.origin}/`, { ...PAGES, serverPid: bare.pid });
  await bare.stop();
  ctx.log(`  bare node:http, same ${(Buffer.byteLength(page.body) / 1024).toFixed(0)} KB page: ${bareRun.reqPerSec.toFixed(0)} req/s, p99 ${bareRun.latency.p99.toFixed(1)} ms`);
  const appRun = await measureThroughput(`${server.origin}${pathname}`, { ...PAGES, headers: cookie ? { Cookie: cookie } : {}, serverPid: server.pid });
  const ratio = appRun.reqPerSec / bareRun.reqPerSec;
  ctx.log(`  ${name}: ${appRun.reqPerSec.toFixed(0)} req/s, p99 ${appRun.latency.p99.toFixed(1)} ms, ${appRun.ok}/${appRun.responses} answered 200; ${(ratio * 100).toFixed(1)} % of bare`);
  return { name, path: pathname, bytes: Buffer.byteLength(page.body), bare: bareRun, app: appRun, ratio };
}

export async function runDeadlineDay(ctx: DeadlineContext): Promise<DeadlineDay> {
  const scratch = path.join(path.dirname(ctx.dbFile), "raw-insert-scratch.db");
  const raw1 = measureRawInsertRate(scratch, RAW);
  ctx.log(`Raw committed single-row inserts on the same disk (none of the benchmark's servers running): ${raw1.commitsPerSecond.toFixed(0)}/s (${raw1.rows} in ${(raw1.ms / 1000).toFixed(1)} s)`);

  const setupFile = path.join(ctx.tmp, "rush-setup.json");
  ctx.log(`Deadline day: preparing ${RUSH.applicants} applicants (profile, documents, every page but the last) and an assessor's assessments`);
  const prepared = await prepare(ctx, setupFile);
  const setup = JSON.parse(fs.readFileSync(setupFile, "utf8")) as RushSetup;
  ctx.log(`Prepared in ${(prepared.setupMs / 1000).toFixed(1)} s; round ${setup.round.slug} closes at ${setup.round.closesAt}`);

  const registers = await startRegistersStub(ctx.root, ctx.servers);
  const server = await ctx.startServer(ctx.dbFile, SERVER_NAME, registers.env);
  try {
    ctx.log(`Server on the data set with the rush round: ${server.origin} (pid ${server.pid})`);

    const closesInMs = new Date(setup.round.closesAt).getTime() - Date.now();
    ctx.log(`The rush: ${RUSH.applicants} applicants save and submit from ${RUSH.connections} connections, ${(closesInMs / 1000).toFixed(0)} s before the round closes`);
    const cpuBefore = cpuSeconds(server.pid);
    // Bounded: past the closing instant every submit is refused at once, so this only stops a stuck run.
    const rush = await runRush(server.origin, setup, {
      connections: RUSH.connections,
      timeLimitMs: Math.max(0, closesInMs) + 2 * RUSH.requestTimeoutS * 1000,
      requestTimeoutS: RUSH.requestTimeoutS,
      onProgress: (answered, submitted) => ctx.log(`  ${answered} of ${RUSH.applicants * 2} requests answered, ${submitted} submissions`),
    });
    const serverCpuS = cpuSeconds(server.pid) - cpuBefore;
    // Only submits answered with the confirmation count; anything else is in rush.wrong.
    const submissionsPerSecond = rush.submits.filter((s) => s.status === 302 && s.location?.endsWith("/confirmation")).length / (rush.wallMs / 1000);
    ctx.log(
      `Rush done in ${(rush.wallMs / 1000).toFixed(2)} s: ${submissionsPerSecond.toFixed(1)} submissions/s; p50 ${rush.latency.all.p50.toFixed(0)} ms, p95 ${rush.latency.all.p95.toFixed(0)} ms, p99 ${rush.latency.all.p99.toFixed(0)} ms; ` +
        `${rush.errors} errors, ${rush.wrong.length} unexpected answers; server used ${serverCpuS.toFixed(1)} CPU s`,
    );
    for (const w of rush.wrong.slice(0, 10)) ctx.log(`  unexpected: ${w}`);
    const check = checkRush(ctx.dbFile, setup, path.join(ctx.tmp, `outbox-${SERVER_NAME}`), rush.startedAt);
    ctx.log(
      `Database after the rush: ${check.submitted}/${check.bidsInRound} submitted, ${check.distinctReferences} distinct references, sequences contiguous: ${check.sequencesContiguous}, ` +
        `audit mismatches ${check.auditMismatches}, missing last page ${check.missingLastPage}, missing rows ${check.missingRows}, quick_check ${check.integrity}, ${check.receipts} receipts`,
    );

    const raw2 = measureRawInsertRate(scratch, RAW);
    ctx.log(`Raw committed single-row inserts (after the rush, server idle): ${raw2.commitsPerSecond.toFixed(0)}/s`);
    const rawLimit = Math.max(raw1.commitsPerSecond, raw2.commitsPerSecond);

    ctx.log(`Pages: ${PAGES.connections} connections for ${PAGES.durationS} s each (after ${PAGES.warmupS} s of warm-up), bare node:http first`);
    const pages = [
      await comparePage(ctx, server, "Public round page", `/funds/${setup.round.fundSlug}/rounds/${setup.round.slug}`, "Deadline-day round"),
      await comparePage(ctx, server, "Assessor's dashboard", "/assess", "Your assessments", setup.assessor.cookie),
    ];
    return {
      setupMs: prepared.setupMs,
      assessments: prepared.assessments,
      raw: [raw1, raw2],
      rawLimit,
      rush,
      check,
      serverCpuS,
      registerRequests: await registers.requests(),
      submissionsPerSecond,
      ratio: submissionsPerSecond / rawLimit,
      pages,
    };
  } finally {
    await server.stop();
    await registers.stop();
  }
}
