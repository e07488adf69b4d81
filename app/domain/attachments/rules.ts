/**
 * Which bid documents the portal accepts. The decision rests on what the file's bytes say it is
 * (file-type's magic-byte detection, done by the storage service), never on its name or the
 * Content-Type the browser claimed: both are chosen by whoever sends the file. The name must
 * then agree with the bytes, because it is the name the file is downloaded under.
 * Pure, so the page can show the same limits it enforces.
 */
import type { FileTypeResult } from "file-type";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** How much of a file's name is kept (in characters, not bytes). */
export const MAX_NAME_CHARACTERS = 200;

/**
 * Each type with the name endings that say it. A file must be what its name says: a PDF/HTML
 * polyglot kept as "notes.html" would open as a web page from the person's downloads folder.
 */
export const ALLOWED_DOCUMENT_TYPES = [
  { mime: "application/pdf", label: "PDF", extensions: [".pdf"] },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX", extensions: [".docx"] },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "XLSX", extensions: [".xlsx"] },
  { mime: "image/png", label: "PNG", extensions: [".png"] },
  { mime: "image/jpeg", label: "JPEG", extensions: [".jpg", ".jpeg"] },
] as const;

export type AllowedMimeType = (typeof ALLOWED_DOCUMENT_TYPES)[number]["mime"];

export const DOCUMENT_MESSAGES = {
  select: "Select a file",
  empty: "The selected file is empty",
  tooLarge: "The selected file must be smaller than 10MB",
  wrongType: "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG",
  /** The bytes are an allowed type, but the name ends with another type's extension (or none). */
  nameMismatch: (label: string, extension: string) => `The selected file is a ${label}, so its name must end with ${extension}`,
  /** Browsers send these two unescaped, and the multipart parser Remix uses cannot read them. */
  unreadableName: "The selected file's name must not include a semicolon (;) or an equals sign (=)",
} as const;

export const DOCUMENT_HINT = "PDF, DOCX, XLSX, PNG or JPEG, smaller than 10MB";

/** For the file picker only: it narrows what people see, the server still checks the bytes. */
export const DOCUMENT_ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg";

export type DocumentCheck =
  | { ok: true; mimeType: AllowedMimeType }
  | { ok: false; message: string; tooLarge?: true };

/**
 * `received` is undefined when no file was sent. A browser with no file chosen still sends an
 * empty part with an empty name, so that too counts as "no file" rather than "empty file".
 */
export function checkDocument(received: { name: string; sizeBytes: number; detected: Pick<FileTypeResult, "mime"> | undefined } | undefined): DocumentCheck {
  if (!received || (received.name === "" && received.sizeBytes === 0)) return { ok: false, message: DOCUMENT_MESSAGES.select };
  if (received.sizeBytes === 0) return { ok: false, message: DOCUMENT_MESSAGES.empty };
  if (received.sizeBytes > MAX_DOCUMENT_BYTES) return { ok: false, message: DOCUMENT_MESSAGES.tooLarge, tooLarge: true };
  const allowed = ALLOWED_DOCUMENT_TYPES.find((t) => t.mime === received.detected?.mime);
  if (!allowed) return { ok: false, message: DOCUMENT_MESSAGES.wrongType };
  const name = cleanOriginalName(received.name).toLowerCase();
  if (!allowed.extensions.some((extension) => name.endsWith(extension))) return { ok: false, message: DOCUMENT_MESSAGES.nameMismatch(allowed.label, allowed.extensions[0]) };
  return { ok: true, mimeType: allowed.mime };
}

/**
 * What is kept of the name a person's computer gave the file: shown back to them and offered on
 * download, never used for the stored path. Folders, control and invisible formatting characters
 * (a right-to-left override makes "invoice\u202Efdp.exe" look like "invoiceexe.pdf") go, and a
 * long name is shortened by whole characters (never half an emoji) keeping its extension.
 */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const characters = Array.from(base.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, "").trim());
  let kept = characters;
  if (characters.length > MAX_NAME_CHARACTERS) {
    const dot = characters.lastIndexOf(".");
    const extension = dot > 0 && characters.length - dot <= 10 ? characters.slice(dot) : [];
    kept = [...characters.slice(0, MAX_NAME_CHARACTERS - extension.length), ...extension];
  }
  const cleaned = kept.join("").trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "document" : cleaned;
}

/** "850 bytes", "34 KB", "2.4 MB", as GOV.UK writes file sizes. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
