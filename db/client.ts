/**
 * Opens the one SQLite file, sets the durability pragmas, and applies pending migrations once per
 * process. Only `*.server.ts` modules (and scripts) may import this file.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type PortalDb = BetterSQLite3Database<typeof schema>;
/** The handle a write transaction's callback receives. */
export type WriteTx = Parameters<Parameters<PortalDb["transaction"]>[0]>[0];

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH || "data/portal.db");
}

/** The settings every connection must have; `assertDurability` refuses to run without them. */
export const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  // better-sqlite3 defaults to NORMAL, which in WAL mode can lose the last commits on power loss.
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;

export function openSqlite(file = databasePath()): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  assertDurability(sqlite);
  return sqlite;
}

export function assertDurability(sqlite: Database.Database): void {
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const actual = sqlite.pragma(name, { simple: true });
    if (actual !== expected) {
      throw new Error(`SQLite ${name} is ${String(actual)}, expected ${String(expected)}; refusing to start`);
    }
  }
}

export function migrateDatabase(db: PortalDb): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

let connection: { sqlite: Database.Database; db: PortalDb } | undefined;

function connect() {
  if (!connection) {
    const sqlite = openSqlite();
    const db = drizzle(sqlite, { schema });
    migrateDatabase(db);
    connection = { sqlite, db };
  }
  return connection;
}

/** The drizzle handle, opened (and migrated) on first use. */
export function getDb(): PortalDb {
  return connect().db;
}

export function getSqlite(): Database.Database {
  return connect().sqlite;
}

/**
 * Runs `work` in a transaction that takes the write lock at BEGIN (IMMEDIATE), so two writers queue
 * on busy_timeout instead of failing with SQLITE_BUSY when one upgrades from a read. `work` must be
 * synchronous: no network calls or awaits inside.
 */
export function writeTransaction<T>(work: (tx: WriteTx) => T): T {
  return getDb().transaction(work, { behavior: "immediate" });
}

export function closeDatabase(): void {
  connection?.sqlite.close();
  connection = undefined;
}
