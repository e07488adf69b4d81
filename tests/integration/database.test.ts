import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { assertDurability, getSqlite, migrateDatabase, openSqlite } from "#db/client";
import * as schema from "#db/schema";
import { writeTransaction } from "#db/client";
import { recordAudit } from "~/models/audit.server";

function tempFile() {
  const dir = path.resolve("tests/.tmp", `db-${crypto.randomBytes(6).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, "empty.db");
}

describe("the database", () => {
  it("migrates an empty file to the full schema", () => {
    const sqlite = openSqlite(tempFile());
    migrateDatabase(drizzle(sqlite, { schema }));
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(["audit_events", "districts", "funds", "memberships", "organisations", "outcomes", "plan_priorities", "plan_themes", "plans", "reporting_tags", "round_criteria", "rounds", "sessions", "users"]),
    );
    // Running again is a no-op, not an error.
    migrateDatabase(drizzle(sqlite, { schema }));
    sqlite.close();
  });

  it("runs with WAL, synchronous=FULL, foreign keys and a busy timeout", () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
  });

  it("refuses to run with weaker durability settings", () => {
    const sqlite = new Database(tempFile());
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    expect(() => assertDurability(sqlite)).toThrow(/synchronous is 1, expected 2; refusing to start/);
    sqlite.close();
  });

  it("keeps money in integer pence columns", () => {
    const columns = getSqlite().prepare("SELECT name, type FROM pragma_table_info('rounds') WHERE name LIKE '%pence'").all() as { name: string; type: string }[];
    expect(columns.map((c) => c.name).sort()).toEqual(["budget_pence", "max_award_pence"]);
    expect(columns.map((c) => c.type.toLowerCase())).toEqual(["integer", "integer"]);
  });

  it("refuses to change or delete an audit event", () => {
    writeTransaction((tx) => recordAudit(tx, { at: new Date(), actorUserId: null, action: "test.recorded", subjectType: "test", subjectId: 1 }));
    const sqlite = getSqlite();
    expect(() => sqlite.prepare("UPDATE audit_events SET action = 'tampered'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
  });

  it("a failed write leaves neither the change nor its audit event", () => {
    const before = (getSqlite().prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
    expect(() =>
      writeTransaction((tx) => {
        recordAudit(tx, { at: new Date(), actorUserId: null, action: "test.half", subjectType: "test", subjectId: 2 });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect((getSqlite().prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n).toBe(before);
  });
});
