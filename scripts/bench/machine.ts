/** What the benchmark ran on, for docs/benchmarks.md: every figure there depends on it. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): string | undefined {
  const out = spawnSync(command, args, { encoding: "utf8", timeout: 5_000 });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

/** The block device, file system, size and kind of disk behind `dir`. */
export function diskOf(dir: string): string {
  const [source, fstype] = (run("findmnt", ["-no", "SOURCE,FSTYPE", "-T", dir]) ?? "").split(/\s+/);
  if (!source) return "unknown";
  const device = source.replace(/^\/dev\//, "").replace(/p?\d+$/, "");
  const rotational = read(`/sys/block/${device}/queue/rotational`);
  const sectors = Number(read(`/sys/block/${device}/size`));
  const model = read(`/sys/block/${device}/device/model`);
  const virtio = fs.existsSync(`/sys/block/${device}/device/driver`) && /virtio/.test(fs.realpathSync(`/sys/block/${device}/device/driver`));
  const size = Number.isFinite(sectors) && sectors > 0 ? `${Math.round((sectors * 512) / 1024 ** 3)} GB` : "size unknown";
  const kind = [virtio || device.startsWith("vd") ? "virtio block device (a virtual machine's disk)" : undefined, model, rotational === "1" ? "reported as rotational" : rotational === "0" ? "reported as solid-state" : undefined]
    .filter(Boolean)
    .join(", ");
  return `${source} (${fstype ?? "?"}, ${size}${kind ? `, ${kind}` : ""})`;
}

function sqliteVersion(): string {
  const db = new Database(":memory:");
  try {
    return (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  } finally {
    db.close();
  }
}

export function machineLines(dataDir: string): string[] {
  const cpus = os.cpus();
  const osName = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(read("/etc/os-release") ?? "")?.[1] ?? os.type();
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    `- Disk holding the SQLite files (${dataDir}): ${diskOf(dataDir)}`,
    `- OS: ${osName}, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}, SQLite ${sqliteVersion()} (better-sqlite3)`,
  ];
}
