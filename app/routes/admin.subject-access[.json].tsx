import type { ActionFunctionArgs } from "@remix-run/node";
import { personalDataDownload } from "~/domain/data-rights/download";
import { findPersonSchema, PERSON_NOT_FOUND } from "~/domain/data-rights/subject-access";
import { discloseToAdministrator, findSubject } from "~/models/data-rights/personal-data.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

/**
 * POST /admin/subject-access.json (email): the answer to a subject access request, as a download.
 * A resource route, because a page's action cannot hand the browser a file; a post, because it
 * writes the audit event of the disclosure (in the transaction that reads the data, before the file
 * is sent) and keeps the email address out of URLs and logs. The form on /admin/subject-access has
 * already found the person, so a refusal here is a plain 400.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const parsed = parseForm(findPersonSchema, await request.formData());
  const subject = parsed.ok ? findSubject(parsed.data.email) : undefined;
  if (!subject) {
    const message = parsed.ok ? PERSON_NOT_FOUND : Object.values(parsed.errors)[0];
    return new Response(`${message}. Go back to /admin/subject-access to find the person first.`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return personalDataDownload(discloseToAdministrator(subject, admin.id, now()), "subject-access-request");
}
