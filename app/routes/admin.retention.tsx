import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, NotificationBanner, SummaryList } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS, retentionCutoff, retentionSettingSchema } from "~/domain/data-rights/retention";
import { formatLondonDate, formatLondonDateTime } from "~/domain/time/london";
import { anonymiseDueBids, countBidsDue, lastRetentionRun, RETENTION_BATCH_SIZE } from "~/models/data-rights/retention.server";
import { getRetentionSetting, setRetentionMonths } from "~/models/data-rights/retention-setting.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: "Retention of unsuccessful bids" };

/**
 * One press anonymises at most this many batches (1,000 bids), each its own short transaction, so
 * the request ends in seconds even after years without a run; the page then says how many are
 * left and the button does the next lot. `npm run retention` has no such limit.
 */
const BATCHES_PER_PRESS = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const at = now();
  const setting = getRetentionSetting();
  const last = lastRetentionRun();
  return json({
    months: setting.months,
    isDefault: setting.isDefault,
    cutoff: retentionCutoff(at, setting.months).toISOString(),
    due: countBidsDue(at, setting.months),
    lastRunAt: last ? last.at.toISOString() : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const formData = await request.formData();
  if (formData.get("intent") === "anonymise") {
    const run = await anonymiseDueBids({ now: now(), actorUserId: admin.id, maxBatches: BATCHES_PER_PRESS });
    return redirect(`/admin/retention?${new URLSearchParams({ anonymised: String(run.anonymised), remaining: String(run.remaining) })}`);
  }
  const parsed = parseForm(retentionSettingSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  setRetentionMonths(parsed.data.months, admin.id, now());
  return redirect("/admin/retention?saved=1");
}

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

export default function Retention() {
  const { months, isDefault, cutoff, due, lastRunAt } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { errors, onSubmit, typed } = useValidatedForm(retentionSettingSchema, failure);
  const anonymising = navigation.state !== "idle" && navigation.formData?.get("intent") === "anonymise";
  const anonymised = params.get("anonymised");
  const remaining = Number(params.get("remaining") ?? 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin">Back to administration</BackLink>
        <ErrorSummary errors={errors} />
        {params.get("saved") ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">The retention period is now {plural(months, "month", "months")}.</p>
          </NotificationBanner>
        ) : null}
        {anonymised !== null ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              {plural(Number(anonymised), "bid", "bids")} anonymised.
              {remaining > 0 ? ` ${plural(remaining, "more bid is", "more bids are")} due: anonymise again to continue.` : " No more bids are due."}
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Retention of unsuccessful bids</h1>
        <p className="govuk-body">
          When a bid was not funded, was withdrawn, stayed on the reserve list, or was never submitted, the people named in it no longer need to be on record once the
          retention period has passed. Anonymising such a bid removes its contact details, addresses, the safeguarding lead, every written answer except the project
          title, what staff wrote about it and its documents. Its reference, organisation, round, amount, status, priorities, districts, tags, scores and decision stay,
          so every report shows the same figures as before.
        </p>
        <p className="govuk-body">Funded bids are never anonymised, and people's accounts are not changed.</p>
        <SummaryList
          rows={[
            { key: "Retention period", value: `${plural(months, "month", "months")}${isDefault ? " (the default)" : ""}` },
            { key: "Bids due now", value: `${plural(due, "bid", "bids")} decided, withdrawn or left in a round closed before ${formatLondonDate(new Date(cutoff))}` },
            { key: "Last anonymised", value: lastRunAt ? formatLondonDateTime(new Date(lastRunAt)) : "Never" },
          ]}
        />
        <h2 className="govuk-heading-m">Anonymise now</h2>
        {due > 0 ? (
          <>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                This cannot be undone. {due > RETENTION_BATCH_SIZE * BATCHES_PER_PRESS ? `Each press anonymises up to ${plural(RETENTION_BATCH_SIZE * BATCHES_PER_PRESS, "bid", "bids")}.` : ""}
              </strong>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="anonymise" />
              <Button warning disabled={anonymising} aria-disabled={anonymising}>
                {anonymising ? "Anonymising…" : `Anonymise ${plural(Math.min(due, RETENTION_BATCH_SIZE * BATCHES_PER_PRESS), "bid", "bids")} now`}
              </Button>
            </Form>
          </>
        ) : (
          <p className="govuk-body">
            No bids are due. Running <code>npm run retention</code> on the server (for example once a day, from its scheduler) anonymises bids as they fall due.
          </p>
        )}
        <h2 className="govuk-heading-m">Change the retention period</h2>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="save" />
          <Input
            name="months"
            label="Retention period in months"
            hint={`A whole number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}, counted from the decision (or the withdrawal, or the round's closing for a bid never submitted). The default is ${DEFAULT_RETENTION_MONTHS}.`}
            inputMode="numeric"
            spellCheck={false}
            widthClass="govuk-input--width-3"
            error={errors?.months}
            defaultValue={typed("months") ?? String(months)}
          />
          <Button>Save the retention period</Button>
        </Form>
      </div>
    </div>
  );
}
