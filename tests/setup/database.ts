// A fresh SQLite file (and mail outbox) for each test file, so tests never share state.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDatabase } from "#db/client";

const dir = path.resolve("tests/.tmp", `${process.pid}-${crypto.randomBytes(6).toString("hex")}`);
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_PATH = path.join(dir, "portal.db");
process.env.MAIL_OUTBOX = path.join(dir, "outbox");
process.env.PUBLIC_URL = "http://localhost:3000";

afterAll(() => {
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
