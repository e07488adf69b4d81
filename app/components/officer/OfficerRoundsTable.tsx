/**
 * The grants officer's rounds: each links to its assessment page (eligibility, assignment,
 * moderation, decisions), with how many bids it has had. The budget total is the sum of the rows.
 */
import { Link } from "@remix-run/react";
import { Table, Tag } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { ROUND_STATUS_LABEL, type RoundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";

export type OfficerRoundRow = { id: number; fundName: string; name: string; closesAt: string; budgetPence: number; status: RoundStatus; submittedBids: number };

const STATUS_COLOUR = { open: "green", upcoming: "blue", closed: "grey" } as const;

export function OfficerRoundsTable({ rows }: { rows: OfficerRoundRow[] }) {
  const total = rows.reduce((sum, r) => sum + r.budgetPence, 0);
  return (
    <Table
      caption="Grant rounds"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: "Fund", cell: (r) => r.fundName },
        {
          header: "Round",
          cell: (r) => (
            <Link className="govuk-link" to={`/officer/rounds/${r.id}`}>
              {r.name}
            </Link>
          ),
        },
        { header: "Status", cell: (r) => <Tag colour={STATUS_COLOUR[r.status]}>{ROUND_STATUS_LABEL[r.status]}</Tag> },
        { header: "Closes", cell: (r) => formatLondonDateTime(new Date(r.closesAt)) },
        { header: "Bids submitted", numeric: true, cell: (r) => r.submittedBids },
        { header: "Budget", numeric: true, cell: (r) => formatPence(r.budgetPence) },
        {
          header: <span className="govuk-visually-hidden">Configuration</span>,
          cell: (r) => (
            <Link className="govuk-link" to={`/manage/rounds/${r.id}`}>
              Change<span className="govuk-visually-hidden"> {r.name}</span>
            </Link>
          ),
        },
      ]}
      foot={
        <tfoot>
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header" colSpan={5}>
              Total
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              <strong>{formatPence(total)}</strong>
            </td>
            <td className="govuk-table__cell" />
          </tr>
        </tfoot>
      }
    />
  );
}
