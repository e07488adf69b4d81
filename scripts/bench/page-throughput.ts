/**
 * Requests per second and latency of one page under a fixed number of concurrent keep-alive
 * connections for a fixed time (autocannon), after a short warm-up that is not counted; and the
 * bare `node:http` floor (bare-http.ts) serving a byte-for-byte copy of the same page, so the two
 * differ only in the work the portal does to make the page.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { startLoopbackChild, type LoopbackChild } from "./loopback-child";
import { percentiles, type Percentiles } from "./stats";

export type Throughput = {
  url: string;
  connections: number;
  durationS: number;
  responses: number;
  ok: number;
  reqPerSec: number;
  latency: Percentiles;
  /** Bytes on the wire per response, headers included. */
  bytesPerResponse: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU time (user + system) the server process used per response during the measured run. */
  serverCpuMsPerResponse: number;
};

export type LoadOptions = { connections: number; durationS: number; warmupS: number; headers?: Record<string, string>; serverPid?: number };

/** CPU seconds (user + system) a process has used, from /proc; the kernel counts in 1/100 s. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function run(url: string, connections: number, durationS: number, headers: Record<string, string>, record: boolean) {
  const instance = autocannon({ url, connections, duration: durationS, headers, timeout: 10 });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let bytes = 0;
  const t0 = performance.now();
  let last = t0;
  if (record) {
    instance.on("response", (_client, statusCode, resBytes, responseTime) => {
      last = performance.now();
      latencies.push(responseTime);
      bytes += resBytes;
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    });
  }
  const result = await instance;
  return { result, latencies, statusCounts, bytes, ms: last - t0 };
}

export async function measureThroughput(url: string, options: LoadOptions): Promise<Throughput> {
  const headers = options.headers ?? {};
  if (options.warmupS > 0) await run(url, options.connections, options.warmupS, headers, false);
  const cpuBefore = options.serverPid ? cpuSeconds(options.serverPid) : NaN;
  const { result, latencies, statusCounts, bytes, ms } = await run(url, options.connections, options.durationS, headers, true);
  const cpuUsed = options.serverPid ? cpuSeconds(options.serverPid) - cpuBefore : NaN;
  const ok = statusCounts["200"] ?? 0;
  return {
    url,
    connections: options.connections,
    durationS: ms / 1000,
    responses: latencies.length,
    ok,
    reqPerSec: ok / (ms / 1000),
    latency: percentiles(latencies),
    bytesPerResponse: latencies.length ? bytes / latencies.length : NaN,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuMsPerResponse: (cpuUsed * 1000) / Math.max(1, latencies.length),
  };
}

export type BareServer = LoopbackChild;

/** Starts bare-http.ts in its own process (as the portal runs in its own), serving `file`. */
export function startBareServer(root: string, file: string, servers: Set<ChildProcess>): Promise<BareServer> {
  return startLoopbackChild(root, "scripts/bench/bare-http.ts", [file], "The bare server", servers);
}

/** Keeps a captured page where the bare server can read it. */
export function writeCapture(dir: string, name: string, body: string): string {
  const file = path.join(dir, `${name}.html`);
  fs.writeFileSync(file, body);
  return file;
}
