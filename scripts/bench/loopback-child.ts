/**
 * Starts a benchmark helper script in its own process (so it neither slows nor is slowed by
 * autocannon in the benchmark's process). The script prints one JSON line with the loopback port it
 * listens on; this waits for it, then gives the origin, the pid and a way to stop the process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type LoopbackChild = { origin: string; pid: number; stop: () => Promise<void> };

export function startLoopbackChild(root: string, script: string, args: string[], label: string, servers: Set<ChildProcess>): Promise<LoopbackChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    servers.add(child);
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 15 s: ${err}`)), 15_000);
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => {
              servers.delete(child);
              done();
            });
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => {
      if (code !== 0 && code !== null) reject(new Error(`${label} exited (${code}): ${err}`));
    });
  });
}
