import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, NotificationBanner, SummaryList, Tag } from "~/components/govuk";
import { formatSortCode } from "~/domain/awards/bank-details";
import { AWARD_STATUS_COLOUR, AWARD_STATUS_LABEL } from "~/domain/awards/offer";
import { formatPence } from "~/domain/money/money";
import { formatLondonDateTime } from "~/domain/time/london";
import { confirmBankDetails, getBankDetailsForFinance } from "~/models/awards/bank-details.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure } from "~/utils/forms";

export const handle = { title: "Confirm bank details" };

function idFrom(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/** Finance sees both versions whole: comparing them is the point of the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["finance", "admin"]);
  const found = getBankDetailsForFinance(idFrom(params.bankDetailsId)) ?? notFound();
  const { details, previous, award, isCurrent } = found;
  const version = (v: { accountName: string; sortCode: string; accountNumber: string; submittedAt: Date }) => ({ accountName: v.accountName, sortCode: formatSortCode(v.sortCode), accountNumber: v.accountNumber, submittedAt: v.submittedAt });
  return json({
    id: details.id,
    details: version(details),
    submittedBy: details.submittedByPerson,
    needsConfirmation: details.needsConfirmation,
    confirmedAt: details.confirmedAt,
    confirmedBy: details.confirmedByPerson?.name ?? null,
    previous: previous && version(previous),
    award,
    isCurrent,
    confirmed: new URL(request.url).searchParams.has("confirmed"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const id = idFrom(params.bankDetailsId);
  const result = confirmBankDetails(id, user.id, now());
  if (result.ok) return redirect(`/finance/bank-details/${id}?confirmed`);
  if (result.code === "not_found") notFound();
  return json(formFailure({ form: result.message }), { status: result.code === "forbidden" ? 403 : 400 });
}

type Version = { accountName: string; sortCode: string; accountNumber: string; submittedAt: string };

function VersionList({ version }: { version: Version }) {
  return (
    <SummaryList
      rows={[
        { key: "Name on the account", value: version.accountName },
        { key: "Sort code", value: version.sortCode },
        { key: "Account number", value: version.accountNumber },
        { key: "Given", value: formatLondonDateTime(new Date(version.submittedAt)) },
      ]}
    />
  );
}

export default function ConfirmBankDetails() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { award } = data;
  const waiting = data.needsConfirmation && !data.confirmedAt;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/finance">Back to the finance dashboard</BackLink>
        <ErrorSummary errors={failure?.errors} />
        {data.confirmed ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Bank details confirmed. Payments on this award are no longer held for them.</p>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{award.organisationName}</span>
        <h1 className="govuk-heading-l">{data.previous ? "Bank details changed" : "Bank details given after acceptance"}</h1>
        <SummaryList
          rows={[
            { key: "Award", value: `${award.reference ?? ""} ${award.projectTitle ?? ""}`.trim() },
            { key: "Grant", value: formatPence(award.amountPence) },
            { key: "Status", value: <Tag colour={AWARD_STATUS_COLOUR[award.status]}>{AWARD_STATUS_LABEL[award.status]}</Tag> },
            ...(award.acceptedAt ? [{ key: "Offer accepted", value: formatLondonDateTime(new Date(award.acceptedAt)) }] : []),
            { key: "Given by", value: data.submittedBy ? `${data.submittedBy.name} (${data.submittedBy.email})` : "Unknown" },
          ]}
        />
        <h2 className="govuk-heading-m">{data.previous ? "New bank details" : "Bank details"}</h2>
        <VersionList version={data.details} />
        {data.previous ? (
          <>
            <h2 className="govuk-heading-m">Previous bank details</h2>
            <VersionList version={data.previous} />
          </>
        ) : null}
        {!data.needsConfirmation ? (
          <InsetText>These bank details were given before the offer was accepted, so they did not need confirming.</InsetText>
        ) : data.confirmedAt ? (
          <InsetText>
            Confirmed by {data.confirmedBy ?? "finance"} on {formatLondonDateTime(new Date(data.confirmedAt))}.
          </InsetText>
        ) : !data.isCurrent ? (
          <InsetText>Newer bank details have been given since these, so these can no longer be confirmed.</InsetText>
        ) : null}
        {waiting && data.isCurrent ? (
          <>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                No payment will be made on this award until these details are confirmed. Before you confirm, call {award.organisationName} on a phone number you already hold, not one given with
                this change, and check the change is genuine.
              </strong>
            </div>
            <Form method="post">
              <Button>Confirm these bank details</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
