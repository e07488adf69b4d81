import { Fieldset, Input, Select } from "~/components/govuk";
import { MAX_OUTCOME_ROWS } from "~/domain/bids/context";
import { one, type SectionProps } from "./types";

export function OutcomesSection({ values, errors, choices }: SectionProps) {
  const filled = Array.from({ length: MAX_OUTCOME_ROWS }, (_, i) => Boolean(one(values, `outcomes.${i}.outcomeId`) || one(values, `outcomes.${i}.target`)));
  const shown = Math.min(MAX_OUTCOME_ROWS, Math.max(2, filled.lastIndexOf(true) + 2));
  const options = [{ value: "", text: "Choose an outcome" }, ...choices.outcomes.map((o) => ({ value: String(o.id), text: o.kind === "impact" ? `${o.name} (impact)` : o.name }))];
  return (
    <>
      <p className="govuk-body">Choose the outcomes your project aims for, how many people you expect to achieve each, and how you will know. You will report against these if funded.</p>
      {Array.from({ length: shown }, (_, i) => (
        <Fieldset key={i} id={`outcome-${i}`} legend={`Outcome ${i + 1}${i === 0 ? "" : " (optional)"}`} legendClassName="govuk-fieldset__legend--s">
          <Select name={`outcomes.${i}.outcomeId`} label="Outcome" error={errors?.[`outcomes.${i}.outcomeId`]} defaultValue={one(values, `outcomes.${i}.outcomeId`) ?? ""} options={options} />
          <Input name={`outcomes.${i}.target`} label="Target number of people" inputMode="numeric" widthClass="govuk-input--width-5" error={errors?.[`outcomes.${i}.target`]} defaultValue={one(values, `outcomes.${i}.target`)} />
          <Input name={`outcomes.${i}.measure`} label="How you will measure it" hint="For example, attendance registers and a survey at the start and end" error={errors?.[`outcomes.${i}.measure`]} defaultValue={one(values, `outcomes.${i}.measure`)} />
        </Fieldset>
      ))}
    </>
  );
}
