import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, SummaryList } from "~/components/govuk";
import { RegisterCheckTable } from "~/components/officer/RegisterCheckTable";
import { RegisterFlags } from "~/components/officer/RegisterFlags";
import type { Role } from "~/domain/accounts/roles";
import { combineFlags } from "~/domain/due-diligence/flags";
import { formatLondonDate } from "~/domain/time/london";
import { areaForOrganisation, latestRegisterChecks, runRegisterChecks } from "~/models/register-check.server";
import { getOrganisationForMember, getOrganisationForStaff, listMembers } from "~/models/user.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: (data: { organisation?: { name: string } }) => data?.organisation?.name ?? "Organisation" };

/** Only these see register checks and flags: an applicant never sees how they were vetted. */
const OFFICERS: readonly Role[] = ["grants_officer", "admin"];

function organisationIdFrom(params: LoaderFunctionArgs["params"]): number {
  const id = Number(params.organisationId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/**
 * An organisation and the people who act for it. Members see their own organisations; grants
 * officers and admins see any, with its register checks. Anyone else's organisation is a 404, the
 * same as one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant", ...OFFICERS]);
  const id = organisationIdFrom(params);
  const organisation = user.role === "applicant" ? getOrganisationForMember(id, user.id) : getOrganisationForStaff(id);
  if (!organisation) notFound();
  const members = listMembers(organisation.id);
  if (!OFFICERS.includes(user.role)) return json({ organisation, members, registerChecks: null, isMember: true });
  const checks = latestRegisterChecks(organisation.id);
  return json({
    organisation,
    members,
    isMember: false,
    registerChecks: { area: areaForOrganisation(organisation.id), checks, flags: combineFlags(checks.map((c) => c.flags)) },
  });
}

/** Re-runs the register checks, e.g. after a register was unavailable. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, OFFICERS);
  const id = organisationIdFrom(params);
  if (!getOrganisationForStaff(id)) notFound();
  await runRegisterChecks(id, { area: areaForOrganisation(id), actorUserId: user.id, now: now() });
  return redirect(`/organisations/${id}#register-checks`);
}

export default function Organisation() {
  const { organisation, members, registerChecks, isMember } = useLoaderData<typeof loader>();
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
        {isMember ? (
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to={`/organisations/${organisation.id}/profile`}>
                Change your organisation's details
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`/organisations/${organisation.id}/members`}>
                Invite someone else to act for {organisation.name}
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
      {registerChecks ? <RegisterChecks {...registerChecks} /> : null}
    </div>
  );
}

type ChecksData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["registerChecks"]>;

function RegisterChecks({ area, checks, flags }: ChecksData) {
  const running = useNavigation().state === "submitting";
  return (
    <div className="govuk-grid-column-full">
      <h2 className="govuk-heading-m" id="register-checks">
        Register checks
      </h2>
      <p className="govuk-body">Checked against the public registers and the {area} police force area.</p>
      {checks.length === 0 ? (
        <p className="govuk-body">No register checks have been run for this organisation yet.</p>
      ) : (
        <>
          <h3 className="govuk-heading-s">Flags</h3>
          {flags.length > 0 ? <RegisterFlags checked flags={flags} /> : <p className="govuk-body">The registers raised nothing to look into.</p>}
          <RegisterCheckTable checks={checks} />
        </>
      )}
      <Form method="post">
        <Button secondary disabled={running}>
          {checks.length === 0 ? "Run checks" : "Re-run checks"}
        </Button>
      </Form>
    </div>
  );
}
