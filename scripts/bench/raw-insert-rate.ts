/**
 * The physical limit the rush is compared with: how many single-row INSERTs per second SQLite can
 * commit, each in its own write transaction, on the same disk with the portal's own settings.
 * The scratch file is opened by db/client.ts's `openSqlite` (WAL, synchronous=FULL, foreign keys,
 * busy timeout, checked by `assertDurability`) and each row goes in as the portal writes: BEGIN
 * IMMEDIATE, one INSERT, COMMIT, so every row pays one WAL fsync. Runs for at most `maxMs` or
 * `maxRows`, whichever comes first, with nothing else of the benchmark's writing.
 */
import fs from "node:fs";
import { openSqlite } from "#db/client";

export type RawInsertRate = { rows: number; ms: number; commitsPerSecond: number; rowBytes: number; file: string };

export function measureRawInsertRate(file: string, { maxMs, maxRows, warmupRows = 200 }: { maxMs: number; maxRows: number; warmupRows?: number }): RawInsertRate {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  const sqlite = openSqlite(file);
  try {
    // About the size of one audit event.
    sqlite.exec("CREATE TABLE scratch (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, action TEXT NOT NULL, payload TEXT NOT NULL)");
    const payload = JSON.stringify({ status: "submitted", reference: "MSCF-DD-0001", amountRequestedPence: 650_000, note: "x".repeat(160) });
    const insert = sqlite.prepare("INSERT INTO scratch (at, action, payload) VALUES (?, ?, ?)");
    const begin = sqlite.prepare("BEGIN IMMEDIATE");
    const commit = sqlite.prepare("COMMIT");
    const one = () => {
      begin.run();
      insert.run(Date.now(), "bench.row", payload);
      commit.run();
    };
    for (let i = 0; i < warmupRows; i++) one();
    let rows = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (rows < maxRows && elapsed < maxMs) {
      one();
      rows++;
      // Reading the clock every row costs little next to an fsync.
      elapsed = performance.now() - t0;
    }
    return { rows, ms: elapsed, commitsPerSecond: rows / (elapsed / 1000), rowBytes: payload.length + 40, file };
  } finally {
    sqlite.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}
