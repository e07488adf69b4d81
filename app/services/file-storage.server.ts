/**
 * Bid documents on disk, under UPLOAD_DIR (default data/uploads: outside public/, so the web
 * server never serves them; only the download route does, after its checks). Each file is stored
 * under a random name: nothing a person sent, least of all a name like "../../etc/passwd.pdf",
 * ever becomes part of a path. Files arrive in UPLOAD_DIR/.incoming first, so a refused or
 * half-received upload never sits among the kept files, and keeping one is a same-disk rename.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { fileTypeFromFile, type FileTypeResult } from "file-type";
import { getEnv } from "~/utils/env.server";

const STORED_NAME = /^[0-9a-f]{32}$/;

export function uploadDir(): string {
  return path.resolve(getEnv().UPLOAD_DIR);
}

function incomingDir(): string {
  return path.join(uploadDir(), ".incoming");
}

function generatedName(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** A stored name comes from the database; still, only our own shape of name may become a path. */
function storedPath(storedName: string): string | undefined {
  return STORED_NAME.test(storedName) ? path.join(uploadDir(), storedName) : undefined;
}

export class FileTooLarge extends Error {
  constructor() {
    super("The file is larger than the limit");
  }
}

export type ReceivedFile = { tempPath: string; sizeBytes: number; sha256: string };

/**
 * Writes an incoming file to a temporary file as it arrives. Once more than `maxBytes` have come
 * it stops reading, removes what was written and throws FileTooLarge, so an oversized upload
 * costs at most `maxBytes` of disk and never sits in memory whole.
 */
export async function receiveFile(data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<ReceivedFile> {
  await fsp.mkdir(incomingDir(), { recursive: true });
  const tempPath = path.join(incomingDir(), generatedName());
  const hash = crypto.createHash("sha256");
  let sizeBytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sizeBytes += chunk.length;
      if (sizeBytes > maxBytes) return done(new FileTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(data, { objectMode: false }), limit, fs.createWriteStream(tempPath, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await discardTemp(tempPath);
    throw error;
  }
  return { tempPath, sizeBytes, sha256: hash.digest("hex") };
}

/** What the file's bytes say it is; undefined when they match no known type or cannot be read. */
export async function detectFileType(tempPath: string): Promise<FileTypeResult | undefined> {
  try {
    return await fileTypeFromFile(tempPath);
  } catch {
    return undefined;
  }
}

/** Moves a received file among the kept ones; returns its stored name. */
export async function keepFile(tempPath: string): Promise<string> {
  const storedName = generatedName();
  await fsp.rename(tempPath, path.join(uploadDir(), storedName));
  return storedName;
}

export async function discardTemp(tempPath: string): Promise<void> {
  await fsp.rm(tempPath, { force: true });
}

/** A kept file as a stream for a response, or undefined if it is not on disk. */
export async function openStoredFile(storedName: string): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number } | undefined> {
  const file = storedPath(storedName);
  if (!file) return undefined;
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const { size } = await handle.stat();
  // Opened before streaming so a missing file is a 404 here, not a broken download later.
  return { stream: createReadableStreamFromReadable(handle.createReadStream()), sizeBytes: size };
}

export async function deleteStoredFile(storedName: string): Promise<void> {
  const file = storedPath(storedName);
  if (file) await fsp.rm(file, { force: true });
}
