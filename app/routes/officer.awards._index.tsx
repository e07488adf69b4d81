import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationBanner, Table, Tag } from "~/components/govuk";
import { MONITORING_KINDS, MONITORING_STATUS_LABEL, monitoringStatus, type MonitoringStatus } from "~/domain/awards/monitoring";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate } from "~/domain/time/london";
import { listAwardsForMonitoring } from "~/models/awards/monitoring.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Awards and monitoring" };

const STATUS_COLOUR: Record<MonitoringStatus, "grey" | "red" | "blue" | "green" | "orange"> = {
  due: "grey",
  overdue: "red",
  submitted: "blue",
  accepted: "green",
  more_information_requested: "orange",
};

/** Every running or closed award with where each of its returns stands and what is waiting for an officer. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "admin"]);
  const { today, awards } = listAwardsForMonitoring(now());
  const closed = new URL(request.url).searchParams.get("closed");
  return json({
    closed,
    awards: awards.map((a) => ({
      id: a.award.id,
      reference: a.reference,
      projectTitle: a.projectTitle,
      organisationName: a.organisationName,
      amountPence: a.award.amountPence,
      endsOn: a.award.endsOn,
      status: a.award.status,
      returns: MONITORING_KINDS.flatMap((kind) => {
        const due = a.dates.find((d) => d.kind === kind);
        const sent = a.returns.find((r) => r.kind === kind);
        if (!due && !sent) return [];
        return [{ kind, dueOn: due?.dueOn ?? null, returnId: sent?.id ?? null, status: monitoringStatus(due?.dueOn ?? today, sent?.status ?? null, today) }];
      }),
      waitingVariationIds: a.waitingVariationIds,
      repaymentOutstandingPence: a.repaymentOutstandingPence,
    })),
  });
}

export default function OfficerAwards() {
  const { awards, closed } = useLoaderData<typeof loader>();
  return (
    <>
      {closed ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">The award has been closed.</p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Awards and monitoring</h1>
      <p className="govuk-body">Awards whose offer has been accepted, with their monitoring returns, changes waiting for a decision and underspend still to be repaid.</p>
      {awards.length === 0 ? (
        <p className="govuk-body">There are no accepted awards yet.</p>
      ) : (
        <Table
          rowKey={(a) => a.id}
          rows={awards}
          columns={[
            { header: "Award", cell: (a) => <>{a.reference}<br /><span className="govuk-body-s">{a.organisationName}: {a.projectTitle}</span></> },
            { header: "Grant", numeric: true, cell: (a) => formatPence(a.amountPence) },
            { header: "Ends", cell: (a) => formatIsoDate(a.endsOn) },
            {
              header: "Returns",
              cell: (a) => (
                <ul className="govuk-list">
                  {a.returns.map((r) => (
                    <li key={r.kind}>
                      {r.returnId ? (
                        <Link className="govuk-link" to={`/officer/returns/${r.returnId}`}>
                          {r.kind === "final" ? "Final" : "Interim"}
                        </Link>
                      ) : r.kind === "final" ? "Final" : "Interim"}{" "}
                      <Tag colour={STATUS_COLOUR[r.status]}>{MONITORING_STATUS_LABEL[r.status]}</Tag>
                      {r.dueOn && !r.returnId ? <span className="govuk-body-s"> {formatIsoDate(r.dueOn)}</span> : null}
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              header: "Changes waiting",
              cell: (a) =>
                a.waitingVariationIds.length === 0 ? "None" : (
                  <ul className="govuk-list">
                    {a.waitingVariationIds.map((id) => (
                      <li key={id}>
                        <Link className="govuk-link" to={`/officer/variations/${id}`}>
                          Decide on request {id}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ),
            },
            { header: "Repayment due", numeric: true, cell: (a) => formatPence(a.repaymentOutstandingPence) },
            {
              header: "Status",
              cell: (a) =>
                a.status === "closed" ? (
                  <Tag colour="grey">Closed</Tag>
                ) : (
                  <Link className="govuk-link" to={`/officer/awards/${a.id}/close`}>
                    Close<span className="govuk-visually-hidden"> award {a.reference}</span>
                  </Link>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
