/**
 * An administrator removes a member of staff's access (they left, or an assessor's term ended), or
 * gives it back. Their sessions end at once; their work and its audit trail stay. Audited as
 * staff.access_removed / staff.access_restored.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackLink, Button, ErrorSummary, SummaryList } from "~/components/govuk";
import { ROLE_LABEL, type Role } from "~/domain/accounts/roles";
import { formatLondonDateTime } from "~/domain/time/london";
import { findStaffAccess, setStaffAccess } from "~/models/staff-access.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { idParam } from "~/utils/id-param.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Staff access" };

const NOT_YOUR_OWN = "You cannot remove your own access. Ask another administrator";
const accessSchema = z.object({ access: z.enum(["remove", "restore"], { errorMap: () => ({ message: "Choose whether to remove or restore access" }) }) });


export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const person = findStaffAccess(idParam(params.userId)) ?? notFound();
  return json({
    self: person.id === admin.id,
    person: {
      name: person.name,
      email: person.email,
      role: ROLE_LABEL[person.role as Role],
      removedAt: person.accessRemovedAt ? formatLondonDateTime(person.accessRemovedAt) : null,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const id = idParam(params.userId);
  const parsed = parseForm(accessSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (id === admin.id) return json(formFailure({ access: NOT_YOUR_OWN }), { status: 400 });
  if (!setStaffAccess(admin.id, id, parsed.data.access, now())) notFound();
  return redirect(`/admin/staff?${parsed.data.access === "remove" ? "accessRemoved" : "accessRestored"}=${id}`);
}

export default function StaffAccessPage() {
  const { self, person } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const removing = !person.removedAt;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/staff">Back to staff</BackLink>
        <ErrorSummary errors={failure?.errors} />
        <h1 className="govuk-heading-l">
          {removing ? "Remove access for" : "Restore access for"} {person.name}
        </h1>
        <SummaryList
          rows={[
            { key: "Email address", value: person.email },
            { key: "Role", value: person.role },
            { key: "Access", value: person.removedAt ? `Removed on ${person.removedAt}` : "Can sign in" },
          ]}
        />
        {self ? (
          <p className="govuk-body">{NOT_YOUR_OWN}.</p>
        ) : removing ? (
          <>
            <p className="govuk-body">Do this when {person.name} no longer works on the fund, for example when they leave or their term as an assessor ends.</p>
            <p className="govuk-body">They will be signed out at once and will not be able to sign in. Their scores, decisions and everything they did stay, with the audit trail.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="access" value="remove" />
              <Button warning>Remove access</Button>
            </Form>
          </>
        ) : (
          <>
            <p className="govuk-body">{person.name} will be able to sign in again with their password and two-factor authentication.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="access" value="restore" />
              <Button>Restore access</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
