import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SECTION_FORMS } from "~/components/bid-sections";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { MAX_TYPED_CHARS, pageAnswers, tooLongAnswer } from "~/domain/bids/page-fields";
import { findSection, sectionSchema, type SectionKey } from "~/domain/bids/sections";
import { canEdit, type BidStatus } from "~/domain/bids/status";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { requireMemberBid } from "~/models/bid-access.server";
import { saveSection } from "~/models/bid.server";
import { getRoundBySlugs } from "~/models/round.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { echoable, formDataToValues, formFailure, parseForm } from "~/utils/forms";

/** GOV.UK links a date's error to its first box. */
const DATE_FIELD_IDS = { startsOn: "startsOnDay", endsOn: "endsOnDay" };

export const handle = { title: (data: { section?: { title: string } }) => data?.section?.title ?? "Your bid" };

function loadPage(bidIdParam: string | undefined, sectionParam: string | undefined, user: Awaited<ReturnType<typeof requireRole>>) {
  const bid = requireMemberBid(user, bidIdParam);
  const section = findSection(sectionParam ?? "");
  if (!section) notFound();
  const choices = loadBidChoices(bid.roundId);
  return { bid, section, choices, ctx: bidContextFrom(choices) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { bid, section, choices, ctx } = loadPage(params.bidId, params.section, user);
  if (!canEdit(bid.status as BidStatus)) throw redirect(`/applications/${bid.id}`);
  const plan = getRoundBySlugs(bid.fundSlug, bid.roundSlug)!;
  return json({
    bid: { id: bid.id, roundName: bid.roundName, fundName: bid.fundName },
    section: { key: section.key, title: section.title },
    values: ((bid.answers as Record<string, unknown>)[section.key] ?? {}) as Record<string, string | string[]>,
    choices: { priorities: choices.priorities, themes: choices.themes, tags: choices.tags, districts: choices.districts, outcomes: choices.outcomes },
    round: { maxAwardPence: ctx.maxAwardPence, deliveryStartsOn: ctx.deliveryStartsOn, deliveryEndsOn: ctx.deliveryEndsOn, planName: plan.planName },
    ctx,
  });
}

/** Saves the page if its answers pass the page's schema; otherwise shows every problem and keeps what was typed. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { bid, section, ctx } = loadPage(params.bidId, params.section, user);
  if (!canEdit(bid.status as BidStatus)) throw redirect(`/applications/${bid.id}`);
  const formData = await request.formData();
  const parsed = parseForm(sectionSchema(section.key as SectionKey, ctx), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  // The page's answers are kept as typed, so the page shows them back exactly; the schema re-reads them at submission.
  // Only the page's own fields: anything else posted with it is nobody's answer.
  const values = pageAnswers(section.key as SectionKey, echoable(formDataToValues(formData)));
  const tooLong = tooLongAnswer(values);
  if (tooLong) {
    const { [tooLong]: _dropped, ...rest } = values;
    return json(formFailure({ [tooLong]: `This answer must be ${MAX_TYPED_CHARS.toLocaleString("en-GB")} characters or fewer` }, rest), { status: 400 });
  }
  saveSection(bid.id, user.id, section.key as SectionKey, values, now());
  return redirect(`/applications/${bid.id}`);
}

export default function BidSectionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(sectionSchema(data.section.key as SectionKey, data.ctx), failure);
  const SectionForm = SECTION_FORMS[data.section.key as SectionKey];
  const values = failure && "values" in failure ? failure.values : data.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/applications/${data.bid.id}`}>Back to your bid</BackLink>
        <ErrorSummary errors={errors} fieldIds={DATE_FIELD_IDS} />
        <span className="govuk-caption-l">
          {data.bid.fundName}: {data.bid.roundName}
        </span>
        <h1 className="govuk-heading-l">{data.section.title}</h1>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <SectionForm values={values} errors={errors} choices={data.choices} round={data.round} />
          <Button>Save and continue</Button>
        </Form>
      </div>
    </div>
  );
}
