import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { ROLE_LABEL, type Role } from "~/domain/accounts/roles";
import { formatLondonDateTime } from "~/domain/time/london";
import { countConfiguration, countUsersByRole, recentAuditEvents } from "~/models/dashboard.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Administration" };

/** An administrator's home: who has access, what is configured, and the latest audit events. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return json({ user, roles: countUsersByRole(), counts: countConfiguration(), events: recentAuditEvents(20) });
}

export default function AdminDashboard() {
  const { user, roles, counts, events } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Administration</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Table
            caption="People with accounts"
            rows={roles}
            rowKey={(r) => r.role}
            columns={[
              { header: "Role", cell: (r) => ROLE_LABEL[r.role as Role] },
              { header: "People", numeric: true, cell: (r) => r.n },
            ]}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/staff">
              Invite staff and change roles
            </Link>
          </p>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Fund configuration</h2>
          <p className="govuk-body">
            {counts.funds} funds, {counts.plans} Police and Crime Plans, {counts.rounds} grant rounds.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/manage">
              Change fund configuration
            </Link>
          </p>
          <h2 className="govuk-heading-m">Personal data</h2>
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to="/admin/subject-access">
                Answer a subject access request
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/admin/retention">
                Retention of unsuccessful bids
              </Link>
            </li>
          </ul>
        </div>
      </div>
      <Table
        caption="Latest audit events"
        rows={events}
        rowKey={(e) => e.id}
        columns={[
          { header: "When", cell: (e) => formatLondonDateTime(new Date(e.at)) },
          { header: "Who", cell: (e) => e.actorName ?? "System" },
          { header: "What", cell: (e) => e.action },
          { header: "Record", cell: (e) => `${e.subjectType} ${e.subjectId}` },
        ]}
      />
    </>
  );
}
