import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ButtonLink, ErrorSummary, NotificationBanner, Table } from "~/components/govuk";
import { ROLE_LABEL, STAFF_ROLES, type Role } from "~/domain/accounts/roles";
import { setRoleSchema } from "~/domain/accounts/schemas";
import { formatLondonDateTime } from "~/domain/time/london";
import { listPendingInvitations } from "~/models/invitation.server";
import { staffTwoFactorStatus } from "~/models/two-factor.server";
import { listStaff, setStaffRole } from "~/models/user.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Staff" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const twoFactor = staffTwoFactorStatus();
  return json({ me: user.id, staff: listStaff().map((s) => ({ ...s, twoFactorOn: Boolean(twoFactor.get(s.id)) })), invitations: listPendingInvitations(now()) });
}

/** Changes one member of staff's role. An admin cannot change their own, so there is always one admin. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const formData = await request.formData();
  const userId = Number(formData.get("userId"));
  if (!Number.isSafeInteger(userId) || userId <= 0) notFound();
  if (userId === admin.id) return json(formFailure({ [`role-${userId}`]: "You cannot change your own role. Ask another administrator" }), { status: 400 });
  const parsed = parseForm(setRoleSchema, formData);
  if (!parsed.ok) return json(formFailure({ [`role-${userId}`]: parsed.errors.role ?? "Select a role" }), { status: 400 });
  if (!setStaffRole(admin.id, userId, parsed.data.role, now())) notFound();
  return redirect(`/admin/staff?changed=${userId}`);
}

export default function Staff() {
  const { me, staff, invitations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const changed = staff.find((s) => String(s.id) === params.get("changed"));
  const invited = params.get("invited");
  const reset = staff.find((s) => String(s.id) === params.get("twoFactorReset"));
  const accessRemoved = staff.find((s) => String(s.id) === params.get("accessRemoved"));
  const accessRestored = staff.find((s) => String(s.id) === params.get("accessRestored"));
  return (
    <>
      <ErrorSummary errors={failure?.errors} />
      {changed ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            {changed.name} is now {ROLE_LABEL[changed.role as Role].toLowerCase()}. They will need to sign in again.
          </p>
        </NotificationBanner>
      ) : null}
      {reset ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            {reset.name}'s two-factor authentication has been reset. They have been signed out and must set it up again when they next sign in.
          </p>
        </NotificationBanner>
      ) : null}
      {accessRemoved ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{accessRemoved.name}'s access has been removed. They have been signed out and cannot sign in.</p>
        </NotificationBanner>
      ) : null}
      {accessRestored ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{accessRestored.name} can sign in again.</p>
        </NotificationBanner>
      ) : null}
      {invited ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">We have emailed an invitation to {invited}.</p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Staff</h1>
      <ButtonLink to="/admin/staff/invite">Invite a member of staff</ButtonLink>
      <Table
        caption="Staff accounts"
        rows={staff}
        rowKey={(s) => s.id}
        columns={[
          { header: "Name", cell: (s) => s.name },
          { header: "Email address", cell: (s) => s.email },
          {
            header: "Role",
            cell: (s) =>
              s.id === me ? (
                `${ROLE_LABEL[s.role as Role]} (you)`
              ) : (
                <Form method="post" className="portal-role-form">
                  <input type="hidden" name="userId" value={s.id} />
                  <div className={`govuk-form-group govuk-!-margin-bottom-0 ${failure?.errors[`role-${s.id}`] ? "govuk-form-group--error" : ""}`.trim()}>
                    <label className="govuk-label govuk-visually-hidden" htmlFor={`role-${s.id}`}>
                      Role for {s.name}
                    </label>
                    {failure?.errors[`role-${s.id}`] ? (
                      <p className="govuk-error-message">
                        <span className="govuk-visually-hidden">Error:</span> {failure.errors[`role-${s.id}`]}
                      </p>
                    ) : null}
                    <select className="govuk-select" id={`role-${s.id}`} name="role" defaultValue={s.role}>
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      Change role<span className="govuk-visually-hidden"> for {s.name}</span>
                    </button>
                  </div>
                </Form>
              ),
          },
          {
            header: "Two-factor authentication",
            cell: (s) => (
              <>
                {s.twoFactorOn ? "Set up" : "Not set up"}
                {s.id !== me && s.twoFactorOn ? (
                  <>
                    {" "}
                    <Link className="govuk-link" to={`/admin/staff/${s.id}/two-factor`}>
                      Reset<span className="govuk-visually-hidden"> two-factor authentication for {s.name}</span>
                    </Link>
                  </>
                ) : null}
              </>
            ),
          },
          {
            header: "Access",
            cell: (s) => (
              <>
                {s.accessRemovedAt ? "Removed" : "Can sign in"}
                {s.id !== me ? (
                  <>
                    {" "}
                    <Link className="govuk-link" to={`/admin/staff/${s.id}/access`}>
                      {s.accessRemovedAt ? "Restore" : "Remove"}
                      <span className="govuk-visually-hidden"> access for {s.name}</span>
                    </Link>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {invitations.length > 0 ? (
        <Table
          caption="Invitations not yet accepted"
          rows={invitations}
          rowKey={(i) => i.email}
          columns={[
            { header: "Name", cell: (i) => i.name },
            { header: "Email address", cell: (i) => i.email },
            { header: "Role", cell: (i) => ROLE_LABEL[i.role as Role] },
            { header: "Link expires", cell: (i) => formatLondonDateTime(new Date(i.expiresAt)) },
          ]}
        />
      ) : null}
    </>
  );
}
