import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataDownload } from "~/domain/data-rights/download";
import { buildPersonalData, subjectForUser } from "~/models/data-rights/personal-data.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

/**
 * GET /account/personal-data.json: everything the portal holds about the signed-in person, as a
 * download (UK GDPR right of access, and portability). A read, so not audited: the person is
 * looking at their own record. An administrator's disclosure to someone else is (admin.subject-access).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return personalDataDownload(buildPersonalData(subjectForUser(user), now()), "personal-data");
}
