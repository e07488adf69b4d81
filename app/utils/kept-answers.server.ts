/**
 * Keeps the answers of a form sent after the session ended, so signing in again loses nothing, with
 * or without JavaScript. They travel in the person's own browser, not the database: a few cookies,
 * compressed and sealed with AES-256-GCM under a key that lives only in this server process, so
 * they can be neither read nor forged on the way, and anything they hold is gone within the hour.
 * A cookie (not a hidden field or the address) because it survives every step of signing in,
 * including the two-factor code, without those pages knowing about it.
 *
 * See docs/decisions/010-idle-timeout.md.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import { z } from "zod";
import { isKeptField, KEPT_FOR_MS, type KeptAnswers, type KeptField } from "~/domain/accounts/kept-answers";
import { secureCookies } from "./env.server";

/** Browsers keep at most 4,096 bytes per cookie; Node refuses request headers over 16 KiB in all. */
const CHUNK_CHARS = 3_800;
const MAX_CHUNKS = 3;
/** A form body bigger than this is not read at all (no portal form comes near it). */
const MAX_BODY_BYTES = 256 * 1024;
/** Opening a cookie never inflates to more than this, whatever it says. */
const MAX_PLAIN_BYTES = 512 * 1024;

// A new key for each server process: kept answers do not survive a restart, which is rare within
// the hour they live and spares the portal a secret to configure.
const KEY = crypto.randomBytes(32);
const PURPOSE = Buffer.from("portal kept answers v1");

function cookieName(index: number): string {
  return `${secureCookies() ? "__Host-" : ""}portal_kept_${index}`;
}

function cookieHeader(index: number, value: string, maxAgeSeconds: number): string {
  return [`${cookieName(index)}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax", ...(secureCookies() ? ["Secure"] : [])].join("; ");
}

function seal(answers: KeptAnswers): string {
  const plain = zlib.deflateRawSync(Buffer.from(JSON.stringify(answers)));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  cipher.setAAD(PURPOSE);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

const keptSchema = z.object({
  to: z.string().startsWith("/"),
  fields: z.array(z.tuple([z.string(), z.string()])),
  expiresAt: z.number(),
  ownerId: z.number().int().positive(),
});

function open(text: string): KeptAnswers | null {
  try {
    const bytes = Buffer.from(text, "base64url");
    if (bytes.length < 29) return null;
    const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, bytes.subarray(0, 12));
    decipher.setAAD(PURPOSE);
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    const parsed = keptSchema.safeParse(JSON.parse(zlib.inflateRawSync(plain, { maxOutputLength: MAX_PLAIN_BYTES }).toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    // Tampered with, cut short, or sealed by an earlier server process.
    return null;
  }
}

function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/** Whether this browser holds live kept answers for anyone (for the "sign in to send them" banner). */
export function holdsKeptAnswers(request: Request, now: Date): boolean {
  const answers = openKept(request);
  return Boolean(answers && answers.expiresAt > now.getTime());
}

function openKept(request: Request): KeptAnswers | null {
  const cookies = readCookies(request);
  let text = "";
  for (let i = 0; i < MAX_CHUNKS && cookies.has(cookieName(i)); i++) text += cookies.get(cookieName(i));
  return text === "" ? null : open(text);
}

/**
 * The kept answers this browser holds for this person, unless there are none, they have expired,
 * were altered, or belong to someone else (a shared computer: another person signing in here sees
 * nothing of them).
 */
export function readKeptAnswers(request: Request, now: Date, userId: number): KeptAnswers | null {
  const answers = openKept(request);
  return answers && answers.expiresAt > now.getTime() && answers.ownerId === userId ? answers : null;
}

/** Set-Cookie headers that remove kept answers from the browser. */
export function forgetKeptAnswersHeaders(): string[] {
  return Array.from({ length: MAX_CHUNKS }, (_, i) => cookieHeader(i, "", 0));
}

/** The body of a plain form post, read from a copy of the request and only up to MAX_BODY_BYTES. */
async function readPostedForm(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get("Content-Type") ?? "";
  // Multipart posts carry files, which are never kept; their text is left to the page to ask again.
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded") || request.bodyUsed || !request.body) return null;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) return null;
  const reader = request.clone().body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export type KeepResult =
  | { kind: "kept"; headers: string[] }
  | { kind: "too-long"; answers: KeptAnswers }
  | { kind: "nothing" };

/**
 * Keeps the text fields of a form sent without a live session: everything but passwords, codes,
 * tokens and files. Returns the Set-Cookie headers that hold them, "too-long" when they will not fit
 * in the cookies (the page then shows them to copy), or "nothing" when there is nothing to keep.
 */
export async function keepPostedAnswers(request: Request, now: Date, ownerId: number): Promise<KeepResult> {
  const form = await readPostedForm(request);
  if (!form) return { kind: "nothing" };
  const fields: KeptField[] = [...form.entries()].filter(([name]) => isKeptField(name));
  if (!fields.some(([, value]) => value.trim() !== "")) return { kind: "nothing" };
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  const answers: KeptAnswers = { to: `${url.pathname}${url.search}`, fields, expiresAt: now.getTime() + KEPT_FOR_MS, ownerId };
  const sealed = seal(answers);
  if (sealed.length > CHUNK_CHARS * MAX_CHUNKS) return { kind: "too-long", answers };
  const maxAge = KEPT_FOR_MS / 1000;
  const headers = Array.from({ length: MAX_CHUNKS }, (_, i) => {
    const part = sealed.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
    // Chunks a longer earlier copy left behind are removed, so old and new never mix.
    return part ? cookieHeader(i, part, maxAge) : cookieHeader(i, "", 0);
  });
  return { kind: "kept", headers };
}
