import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink, ButtonLink, InsetText, NotificationBanner, SummaryList, Tag } from "~/components/govuk";
import { AWARD_STATUS_COLOUR, AWARD_STATUS_LABEL } from "~/domain/awards/offer";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate } from "~/domain/time/london";
import { requireMemberAward } from "~/models/awards/award.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Your grant offer" };

/** The offer as the organisation sees it: the money, the conditions, the dates, and what to do next. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const award = requireMemberAward(user, params.awardId);
  const done = new URL(request.url).searchParams.get("done") ?? "";
  return json({ award, done: Object.hasOwn(DONE_MESSAGE, done) ? (done as keyof typeof DONE_MESSAGE) : null });
}

/** The banner after each step, named in the redirect's `?done=`. */
const DONE_MESSAGE = {
  accepted: "You have accepted the offer.",
  declined: "You have declined the offer.",
  "bank-details": "Your bank details have been saved.",
} as const;

export default function AwardPage() {
  const { award, done } = useLoaderData<typeof loader>();
  const open = award.status === "offered" || award.status === "accepted";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/applications/${award.bidId}`}>Back to your bid</BackLink>
        {done ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{DONE_MESSAGE[done]}</p>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">
          {award.fundName}: {award.roundName}
        </span>
        <h1 className="govuk-heading-l">Grant offer for {award.projectTitle ?? "your project"}</h1>
        <SummaryList
          rows={[
            { key: "Status", value: <Tag colour={AWARD_STATUS_COLOUR[award.status]}>{AWARD_STATUS_LABEL[award.status]}</Tag> },
            { key: "Organisation", value: award.organisationName },
            { key: "Bid reference", value: award.reference },
            { key: "Grant", value: formatPence(award.amountPence) },
            { key: "Offer made", value: formatLondonDate(new Date(award.createdAt)) },
            { key: "Project starts", value: formatIsoDate(award.startsOn) },
            { key: "Project ends", value: formatIsoDate(award.endsOn) },
            ...(award.interimDueOn ? [{ key: "Interim monitoring return due", value: formatIsoDate(award.interimDueOn) }] : []),
            ...(award.finalDueOn ? [{ key: "Final monitoring return due", value: formatIsoDate(award.finalDueOn) }] : []),
          ]}
        />

        <h2 className="govuk-heading-m">Conditions of the grant</h2>
        {award.conditions.split("\n").map((line, i) => (
          <p className="govuk-body" key={i}>
            {line}
          </p>
        ))}

        <h2 className="govuk-heading-m">Bank details for payment</h2>
        {award.bankDetails ? (
          <>
            <SummaryList
              rows={[
                { key: "Name on the account", value: award.bankDetails.accountName },
                { key: "Sort code", value: award.bankDetails.sortCode },
                { key: "Account number", value: award.bankDetails.accountNumber },
              ].map((row) => (open ? { ...row, action: { to: `/awards/${award.id}/bank-details`, text: "Change", hidden: row.key.toLowerCase() } } : row))}
            />
            {award.bankDetails.awaitingConfirmation ? (
              <InsetText>Our finance team is checking these bank details with your organisation. We will not make any payment until they have confirmed them.</InsetText>
            ) : null}
          </>
        ) : open ? (
          <p className="govuk-body">
            You have not given bank details yet. <Link className="govuk-link" to={`/awards/${award.id}/bank-details`}>Give your bank details</Link>
            {award.status === "offered" ? " before you accept the offer, so we can pay you without delay." : "."}
          </p>
        ) : (
          <p className="govuk-body">No bank details are needed.</p>
        )}

        <h2 className="govuk-heading-m">Acceptance</h2>
        {award.acceptance ? (
          <SummaryList
            rows={[
              { key: "Accepted by", value: award.acceptance.signatoryName },
              { key: "Role", value: award.acceptance.signatoryRole },
              { key: "Date accepted", value: formatIsoDate(award.acceptance.acceptedOn) },
            ]}
          />
        ) : award.status === "offered" ? (
          <>
            <p className="govuk-body">Someone authorised to act for {award.organisationName} must accept the offer before we can pay the grant.</p>
            <ButtonLink to={`/awards/${award.id}/accept`}>Accept the offer</ButtonLink>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/awards/${award.id}/accept?decline`}>
                Decline the offer
              </Link>
            </p>
          </>
        ) : (
          <p className="govuk-body">This offer was {award.status === "declined" ? "declined" : "not accepted"}.</p>
        )}
        {award.status === "accepted" || award.status === "closed" ? (
          <>
            <h2 className="govuk-heading-m">Monitoring and changes</h2>
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to={`/awards/${award.id}/returns/interim`}>
                  Interim monitoring return
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to={`/awards/${award.id}/returns/final`}>
                  Final monitoring return
                </Link>
              </li>
              {award.status === "accepted" ? (
                <li>
                  <Link className="govuk-link" to={`/awards/${award.id}/variations`}>
                    Ask to change the dates or move money between budget lines
                  </Link>
                </li>
              ) : null}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
