import { Fieldset, Input, Textarea } from "~/components/govuk";
import { MAX_BUDGET_LINES } from "~/domain/bids/context";
import { formatPence } from "~/domain/money/money";
import { one, type SectionProps } from "./types";

/** Budget lines as rows of two boxes; every row is always there, so it works without JavaScript. */
export function BudgetSection({ values, errors, round }: SectionProps) {
  const filled = Array.from({ length: MAX_BUDGET_LINES }, (_, i) => Boolean(one(values, `lines.${i}.item`) || one(values, `lines.${i}.cost`)));
  const shown = Math.max(3, filled.lastIndexOf(true) + 2);
  return (
    <>
      <Input
        name="amountRequested"
        label="How much are you asking for?"
        labelClassName="govuk-label--m"
        hint={`Up to ${formatPence(round.maxAwardPence)}. This must be the total of your budget lines.`}
        prefix="£"
        inputMode="decimal"
        widthClass="govuk-input--width-10"
        error={errors?.amountRequested}
        defaultValue={one(values, "amountRequested")}
      />
      <Fieldset id="lines" legend="What will you spend it on?" hint="One line for each item or cost, like 'Coach hire for 12 trips' and '1,440'. Leave spare lines blank.">
        {Array.from({ length: Math.min(shown, MAX_BUDGET_LINES) }, (_, i) => (
          <div className="govuk-grid-row" key={i}>
            <div className="govuk-grid-column-two-thirds">
              <Input name={`lines.${i}.item`} label={`Item ${i + 1}`} labelClassName="govuk-label--s" error={errors?.[`lines.${i}.item`]} defaultValue={one(values, `lines.${i}.item`)} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Input name={`lines.${i}.cost`} label={`Cost of item ${i + 1}`} labelClassName="govuk-label--s" prefix="£" inputMode="decimal" error={errors?.[`lines.${i}.cost`]} defaultValue={one(values, `lines.${i}.cost`)} />
            </div>
          </div>
        ))}
      </Fieldset>
      <Textarea
        name="otherFunding"
        label="Other funding for this project (optional)"
        labelClassName="govuk-label--m"
        rows={3}
        hint="Other grants or money you have or have asked for, and from whom"
        error={errors?.otherFunding}
        defaultValue={one(values, "otherFunding")}
      />
    </>
  );
}
