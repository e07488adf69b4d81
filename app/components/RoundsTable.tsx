/** Rounds for staff, with status, deadline and money, and a total that is the sum of the rows shown. */
import { Link } from "@remix-run/react";
import { Table, Tag } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { ROUND_STATUS_LABEL, type RoundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";

export type StaffRoundRow = {
  id: number;
  fundName: string;
  name: string;
  closesAt: string;
  budgetPence: number;
  maxAwardPence: number;
  status: RoundStatus;
};

const STATUS_COLOUR = { open: "green", upcoming: "blue", closed: "grey" } as const;

export function RoundsTable({ rows, caption, editable }: { rows: StaffRoundRow[]; caption: string; editable?: boolean }) {
  const total = rows.reduce((sum, r) => sum + r.budgetPence, 0);
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: "Fund", cell: (r) => r.fundName },
        { header: "Round", cell: (r) => (editable ? <Link className="govuk-link" to={`/manage/rounds/${r.id}`}>{r.name}</Link> : r.name) },
        { header: "Status", cell: (r) => <Tag colour={STATUS_COLOUR[r.status]}>{ROUND_STATUS_LABEL[r.status]}</Tag> },
        { header: "Closes", cell: (r) => formatLondonDateTime(new Date(r.closesAt)) },
        { header: "Maximum award", numeric: true, cell: (r) => formatPence(r.maxAwardPence) },
        { header: "Budget", numeric: true, cell: (r) => formatPence(r.budgetPence) },
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
          </tr>
        </tfoot>
      }
    />
  );
}
