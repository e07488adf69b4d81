import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SummaryList } from "~/components/govuk";
import { formatLondonDate } from "~/domain/time/london";
import { getOrganisationForMember, getOrganisationForStaff, listMembers } from "~/models/user.server";
import { notFound, requireRole } from "~/utils/auth.server";

export const handle = { title: (data: { organisation?: { name: string } }) => data?.organisation?.name ?? "Organisation" };

/**
 * An organisation and the people who act for it. Members see their own organisations; grants
 * officers and admins see any. Anyone else's organisation is a 404, the same as one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant", "grants_officer", "admin"]);
  const id = Number(params.organisationId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const organisation = user.role === "applicant" ? getOrganisationForMember(id, user.id) : getOrganisationForStaff(id);
  if (!organisation) notFound();
  return json({ organisation, members: listMembers(organisation.id) });
}

export default function Organisation() {
  const { organisation, members } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">Organisation</span>
        <h1 className="govuk-heading-l">{organisation.name}</h1>
        <SummaryList
          rows={[
            { key: "Registered with the portal", value: formatLondonDate(new Date(organisation.createdAt)) },
            { key: "People who act for it", value: members.map((m) => `${m.name} (${m.email})`).join(", ") },
          ]}
        />
      </div>
    </div>
  );
}
