/**
 * Which bid documents the portal accepts. The decision rests on what the file's bytes say it is
 * (file-type's magic-byte detection, done by the storage service), never on its name or the
 * Content-Type the browser claimed: both are chosen by whoever sends the file.
 * Pure, so the page can show the same limits it enforces.
 */
import type { FileTypeResult } from "file-type";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const ALLOWED_DOCUMENT_TYPES = [
  { mime: "application/pdf", label: "PDF" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX" },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "XLSX" },
  { mime: "image/png", label: "PNG" },
  { mime: "image/jpeg", label: "JPEG" },
] as const;

export type AllowedMimeType = (typeof ALLOWED_DOCUMENT_TYPES)[number]["mime"];

export const DOCUMENT_MESSAGES = {
  select: "Select a file",
  empty: "The selected file is empty",
  tooLarge: "The selected file must be smaller than 10MB",
  wrongType: "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG",
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
  return { ok: true, mimeType: allowed.mime };
}

/**
 * What is kept of the name a person's computer gave the file: shown back to them and offered on
 * download, never used for the stored path. Folders, control characters and excess length go.
 */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "document" : cleaned;
}

/** "850 bytes", "34 KB", "2.4 MB", as GOV.UK writes file sizes. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
