import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAttachmentForAssessor, getAttachmentForMember, getAttachmentForStaff } from "~/models/attachment.server";
import { openStoredFile } from "~/services/file-storage.server";
import { notFound, requireRole } from "~/utils/auth.server";

/**
 * `filename=` for old clients: printable ASCII only, without the characters that end or escape it.
 * One "_" per character, not per UTF-16 unit, so an emoji is one mark too.
 */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%;]/gu, "_");
}

/** RFC 8187 `filename*`: encodeURIComponent leaves '()* unescaped, which that grammar does not allow. */
function rfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function contentDisposition(originalName: string): string {
  return `attachment; filename="${asciiFallback(originalName)}"; filename*=UTF-8''${rfc8187(originalName)}`;
}

/**
 * Downloads a bid document. Applicants only their own organisation's, assessors only those of bids
 * they may assess (declared, no conflict), and anything else is a 404, the same as a missing one;
 * grants officers, finance and admins any. Always as a download, with the type the bytes were found to be
 * and no sniffing, so an uploaded file can never run as a page on this site.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant", "assessor", "grants_officer", "finance", "admin"]);
  const id = Number(params.attachmentId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const attachment =
    user.role === "applicant" ? getAttachmentForMember(id, user.id) : user.role === "assessor" ? getAttachmentForAssessor(id, user.id) : getAttachmentForStaff(id);
  if (!attachment) notFound();
  const file = await openStoredFile(attachment.storedName);
  if (!file) notFound();
  return new Response(file.stream, {
    status: 200,
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": contentDisposition(attachment.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
