/**
 * The fields of a grant round, shared by "Create a round" and "Change a round". Dates are GOV.UK
 * date inputs with a separate 24-hour time, read as UK time; scoring criteria are rows of boxes,
 * with two spare rows so a criterion can be added without JavaScript.
 */
import { Form } from "@remix-run/react";
import { Button, DateInput, ErrorSummary, Fieldset, Input, Select, Textarea } from "~/components/govuk";
import { MAX_CRITERIA } from "~/domain/config/schemas";
import { penceToInput } from "~/domain/money/money";
import { instantToLondonWallClock } from "~/domain/time/london";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { dateFieldIds, dateParts, useFormState } from "./form-state";

const DATE_FIELDS = ["opensOn", "closesOn", "deliveryStartsOn", "deliveryEndsOn"];
const CRITERION_FIELDS = ["name", "guidance", "maxScore", "weight"] as const;
const SPARE_ROWS = 2;

const FIELDS = [
  "fundId",
  "planId",
  "name",
  "slug",
  "code",
  "summary",
  "eligibility",
  "opensOn",
  "opensTime",
  "closesOn",
  "closesTime",
  "budget",
  "maxAward",
  "deliveryStartsOn",
  "deliveryEndsOn",
  ...Array.from({ length: MAX_CRITERIA }, (_, i) => CRITERION_FIELDS.map((f) => `criteria.${i}.${f}`)).flat(),
];

type Option = { id: number; name: string };

export function RoundForm({
  failure,
  defaults,
  funds,
  plans,
  submitText,
}: {
  failure?: { errors?: FieldErrors; values?: FormValues } | null;
  defaults: FormValues;
  funds: Option[];
  plans: Option[];
  submitText: string;
}) {
  const { errors, value, date } = useFormState(failure, defaults, FIELDS);
  const filled = Array.from({ length: MAX_CRITERIA }, (_, i) => CRITERION_FIELDS.some((f) => value(`criteria.${i}.${f}`).trim() !== ""));
  const rowCount = Math.min(MAX_CRITERIA, filled.lastIndexOf(true) + 1 + SPARE_ROWS);
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={dateFieldIds(DATE_FIELDS)} />
      <Form method="post" noValidate>
        <h2 className="govuk-heading-m">About the round</h2>
        <Select name="fundId" label="Fund" labelClassName="govuk-label--s" error={errors?.fundId} defaultValue={value("fundId")} options={[{ value: "", text: "Choose a fund" }, ...funds.map((f) => ({ value: String(f.id), text: f.name }))]} />
        <Select
          name="planId"
          label="Police and Crime Plan"
          labelClassName="govuk-label--s"
          hint="Bids say which of this plan's priorities they deliver"
          error={errors?.planId}
          defaultValue={value("planId")}
          options={[{ value: "", text: "Choose a plan" }, ...plans.map((p) => ({ value: String(p.id), text: p.name }))]}
        />
        <Input name="name" label="Round name" labelClassName="govuk-label--s" hint="For example, Grant round 8" error={errors?.name} defaultValue={value("name")} />
        <Input name="slug" label="Web address name" labelClassName="govuk-label--s" hint="Lowercase letters, numbers and hyphens, like gr8" spellCheck={false} error={errors?.slug} defaultValue={value("slug")} />
        <Input
          name="code"
          label="Reference code"
          labelClassName="govuk-label--s"
          hint="Up to 10 letters and numbers, like GR8. It is part of every bid reference, like MSCF-GR8-0042"
          widthClass="govuk-input--width-10"
          spellCheck={false}
          error={errors?.code}
          defaultValue={value("code")}
        />
        <Textarea name="summary" label="What the round funds" labelClassName="govuk-label--s" hint="One or two sentences, shown in the list of rounds" rows={3} error={errors?.summary} defaultValue={value("summary")} />
        <Textarea name="eligibility" label="Who can apply" labelClassName="govuk-label--s" hint="Shown to applicants before they start a bid" rows={6} error={errors?.eligibility} defaultValue={value("eligibility")} />

        <h2 className="govuk-heading-m">When bids can be made</h2>
        <p className="govuk-body">Dates and times are UK time.</p>
        <DateInput name="opensOn" legend="Opening date" hint="For example, 1 6 2026" error={errors?.opensOn} value={date("opensOn")} />
        <TimeInput name="opensTime" label="Opening time" error={errors?.opensTime} defaultValue={value("opensTime")} example="09:00" />
        <DateInput name="closesOn" legend="Closing date" hint="Bids can be submitted until the closing time on this date. For example, 1 7 2026" error={errors?.closesOn} value={date("closesOn")} />
        <TimeInput name="closesTime" label="Closing time" error={errors?.closesTime} defaultValue={value("closesTime")} example="17:00" />

        <h2 className="govuk-heading-m">Money</h2>
        <MoneyInput name="budget" label="Round budget" hint="The total the round can award, like 250,000.00" error={errors?.budget} defaultValue={value("budget")} />
        <MoneyInput name="maxAward" label="Maximum award" hint="The most one bid can ask for, like 8,000.00" error={errors?.maxAward} defaultValue={value("maxAward")} />

        <h2 className="govuk-heading-m">When projects run</h2>
        <DateInput name="deliveryStartsOn" legend="Earliest project start date" hint="For example, 1 9 2026" error={errors?.deliveryStartsOn} value={date("deliveryStartsOn")} />
        <DateInput name="deliveryEndsOn" legend="Latest project end date" hint="For example, 31 8 2027" error={errors?.deliveryEndsOn} value={date("deliveryEndsOn")} />

        <h2 className="govuk-heading-m">Scoring criteria</h2>
        <p className="govuk-body">
          Assessors score each bid out of the maximum score for each criterion. The weights say how much each criterion counts towards the total and must add up to 100. To remove a criterion,
          clear all of its boxes.
        </p>
        {Array.from({ length: rowCount }, (_, i) => (
          <CriterionRow key={i} index={i} optional={!filled[i]} errors={errors} value={value} />
        ))}
        <Button>{submitText}</Button>
      </Form>
    </>
  );
}

function TimeInput({ name, label, error, defaultValue, example }: { name: string; label: string; error?: string; defaultValue: string; example: string }) {
  return (
    <Input
      name={name}
      label={label}
      labelClassName="govuk-label--s"
      hint={`Use the 24-hour clock, like ${example}`}
      widthClass="govuk-input--width-5"
      spellCheck={false}
      error={error}
      defaultValue={defaultValue}
    />
  );
}

function MoneyInput({ name, label, hint, error, defaultValue }: { name: string; label: string; hint: string; error?: string; defaultValue: string }) {
  return (
    <Input
      name={name}
      label={label}
      labelClassName="govuk-label--s"
      hint={hint}
      prefix="£"
      widthClass="govuk-input--width-10"
      inputMode="decimal"
      spellCheck={false}
      error={error}
      defaultValue={defaultValue}
    />
  );
}

function CriterionRow({ index, optional, errors, value }: { index: number; optional: boolean; errors?: FieldErrors; value: (name: string) => string }) {
  const n = (f: string) => `criteria.${index}.${f}`;
  return (
    <Fieldset id={`criteria-${index}`} legend={`Criterion ${index + 1}${optional ? " (optional)" : ""}`} legendClassName="govuk-fieldset__legend--s">
      <Input name={n("name")} label="Name" error={errors?.[n("name")]} defaultValue={value(n("name"))} />
      <Textarea name={n("guidance")} label="Guidance for assessors" rows={2} error={errors?.[n("guidance")]} defaultValue={value(n("guidance"))} />
      <Input name={n("maxScore")} label="Maximum score" hint="Like 5" widthClass="govuk-input--width-3" inputMode="numeric" error={errors?.[n("maxScore")]} defaultValue={value(n("maxScore"))} />
      <Input name={n("weight")} label="Weight (%)" hint="Like 25" widthClass="govuk-input--width-3" inputMode="numeric" error={errors?.[n("weight")]} defaultValue={value(n("weight"))} />
    </Fieldset>
  );
}

type CriterionRecord = { name: string; guidance: string; maxScore: number; weight: number };

export function criteriaToFormValues(criteria: CriterionRecord[]): FormValues {
  const values: FormValues = {};
  criteria.forEach((c, i) => {
    values[`criteria.${i}.name`] = c.name;
    values[`criteria.${i}.guidance`] = c.guidance;
    values[`criteria.${i}.maxScore`] = String(c.maxScore);
    values[`criteria.${i}.weight`] = String(c.weight);
  });
  return values;
}

type RoundRecord = {
  fundId: number;
  planId: number;
  name: string;
  slug: string;
  code: string;
  summary: string;
  eligibility: string;
  opensAt: Date;
  closesAt: Date;
  budgetPence: number;
  maxAwardPence: number;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  criteria: CriterionRecord[];
};

/** A stored round as the form's text: instants shown as UK wall-clock date and time, pence as pounds. */
export function roundToFormValues(round: RoundRecord): FormValues {
  const opens = instantToLondonWallClock(round.opensAt);
  const closes = instantToLondonWallClock(round.closesAt);
  return {
    fundId: String(round.fundId),
    planId: String(round.planId),
    name: round.name,
    slug: round.slug,
    code: round.code,
    summary: round.summary,
    eligibility: round.eligibility,
    ...dateParts("opensOn", opens.date),
    opensTime: opens.time,
    ...dateParts("closesOn", closes.date),
    closesTime: closes.time,
    budget: penceToInput(round.budgetPence),
    maxAward: penceToInput(round.maxAwardPence),
    ...dateParts("deliveryStartsOn", round.deliveryStartsOn),
    ...dateParts("deliveryEndsOn", round.deliveryEndsOn),
    ...criteriaToFormValues(round.criteria),
  };
}
