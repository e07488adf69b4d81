/** Reads the .eml files the mail service wrote to the test's outbox folder. */
import fs from "node:fs";
import path from "node:path";

export function outboxMessages(): string[] {
  const dir = process.env.MAIL_OUTBOX!;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
}

/** The first link to this site in the newest message to `to`, with quoted-printable soft breaks undone. */
export function lastLinkTo(to: string, pathPrefix: string): string {
  const message = outboxMessages()
    .reverse()
    .find((m) => m.includes(`To: ${to}`));
  if (!message) throw new Error(`No message to ${to}`);
  const text = message.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const match = new RegExp(`http://localhost:3000(${pathPrefix}[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`No ${pathPrefix} link in message to ${to}`);
  return match[1];
}
