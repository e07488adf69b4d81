/**
 * Finance's list of accepted awards whose bank details were given or changed after acceptance and
 * are not yet confirmed. Each holds every payment on its award, so the oldest comes first.
 * Feed it `listUnconfirmedBankDetails()` from ~/models/awards/bank-details.server in a loader.
 */
import { Link } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { formatLondonDateTime } from "~/domain/time/london";

export type UnconfirmedBankDetailsItem = {
  bankDetailsId: number;
  awardId: number;
  /** A Date on the server, its ISO string once it has been through a loader's JSON. */
  submittedAt: string | Date;
  organisationName: string;
  reference: string | null;
  projectTitle: string | null;
  amountPence: number;
  /** False when these are the first details given, after the offer was accepted. */
  changed: boolean;
};

export function UnconfirmedBankDetails({ rows }: { rows: readonly UnconfirmedBankDetailsItem[] }) {
  return (
    <section aria-labelledby="unconfirmed-bank-details-heading">
      <h2 className="govuk-heading-m" id="unconfirmed-bank-details-heading">
        Bank details waiting for confirmation
      </h2>
      {rows.length === 0 ? (
        <p className="govuk-body">No bank details are waiting for confirmation.</p>
      ) : (
        <>
          <p className="govuk-body">No payment can be made on these awards until you have checked and confirmed the bank details.</p>
          <Table
            rows={[...rows]}
            rowKey={(r) => r.bankDetailsId}
            columns={[
              { header: "Organisation", cell: (r) => r.organisationName },
              { header: "Award", cell: (r) => r.reference ?? r.projectTitle ?? `Award ${r.awardId}` },
              { header: "Grant", numeric: true, cell: (r) => formatPence(r.amountPence) },
              { header: "What happened", cell: (r) => (r.changed ? "Changed" : "Given after acceptance") },
              { header: "When", cell: (r) => formatLondonDateTime(new Date(r.submittedAt)) },
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                cell: (r) => (
                  <Link className="govuk-link" to={`/finance/bank-details/${r.bankDetailsId}`}>
                    Check and confirm<span className="govuk-visually-hidden"> bank details for {r.organisationName}</span>
                  </Link>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
