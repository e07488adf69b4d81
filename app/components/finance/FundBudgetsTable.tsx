/** Fund budgets by financial year, each figure summed from the ledger, with a link to change each one. */
import { Link } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { financialYearLabel } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";

export type FundBudgetRow = {
  fundId: number;
  fundName: string;
  financialYear: number;
  budgetPence: number;
  allocatedToRoundsPence: number;
  committedPence: number;
  paidPence: number;
  uncommittedPence: number;
};

export function FundBudgetsTable({ rows, caption = "Fund budgets by financial year" }: { rows: FundBudgetRow[]; caption?: string }) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => `${r.fundId}-${r.financialYear}`}
      columns={[
        { header: "Year", cell: (r) => financialYearLabel(r.financialYear) },
        {
          header: "Fund",
          cell: (r) => (
            <Link className="govuk-link" to={`/finance/budgets?fund=${r.fundId}&year=${r.financialYear}`}>
              {r.fundName}
              <span className="govuk-visually-hidden">: change the {financialYearLabel(r.financialYear)} budget</span>
            </Link>
          ),
        },
        { header: "Budget", numeric: true, cell: (r) => formatPence(r.budgetPence) },
        { header: "Given to rounds", numeric: true, cell: (r) => formatPence(r.allocatedToRoundsPence) },
        { header: "Committed", numeric: true, cell: (r) => formatPence(r.committedPence) },
        { header: "Paid", numeric: true, cell: (r) => formatPence(r.paidPence) },
        { header: "Uncommitted", numeric: true, cell: (r) => formatPence(r.uncommittedPence) },
      ]}
    />
  );
}
