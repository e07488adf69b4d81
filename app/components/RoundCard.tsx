/** A round as the public list shows it: what it funds, the most you can ask for, and the deadline. */
import { Link } from "@remix-run/react";
import { Tag } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { ROUND_STATUS_LABEL, type RoundStatus } from "~/domain/rounds/round-status";
import { formatLondonDateTime } from "~/domain/time/london";

export type RoundCardData = {
  fundSlug: string;
  fundName: string;
  slug: string;
  name: string;
  summary: string;
  maxAwardPence: number;
  opensAt: string;
  closesAt: string;
  planName: string;
  status: RoundStatus;
};

export function RoundCard({ round }: { round: RoundCardData }) {
  return (
    <div className="portal-round-card">
      <h3 className="govuk-heading-m">
        <Link className="govuk-link" to={`/funds/${round.fundSlug}/rounds/${round.slug}`}>
          {round.fundName}: {round.name}
        </Link>{" "}
        <Tag colour={round.status === "open" ? "green" : "blue"}>{ROUND_STATUS_LABEL[round.status]}</Tag>
      </h3>
      <p className="govuk-body">{round.summary}</p>
      <dl className="govuk-summary-list govuk-summary-list--no-border">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Grants of up to</dt>
          <dd className="govuk-summary-list__value">{formatPence(round.maxAwardPence)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{round.status === "upcoming" ? "Opens" : "Closes"}</dt>
          <dd className="govuk-summary-list__value">{formatLondonDateTime(new Date(round.status === "upcoming" ? round.opensAt : round.closesAt))}</dd>
        </div>
        {round.status === "upcoming" ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Closes</dt>
            <dd className="govuk-summary-list__value">{formatLondonDateTime(new Date(round.closesAt))}</dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Police and Crime Plan</dt>
          <dd className="govuk-summary-list__value">{round.planName}</dd>
        </div>
      </dl>
    </div>
  );
}
