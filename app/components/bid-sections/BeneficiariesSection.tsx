import { Checkboxes, Input } from "~/components/govuk";
import { AGE_GROUPS } from "~/domain/bids/context";
import { many, one, type SectionProps } from "./types";

export function BeneficiariesSection({ values, errors }: SectionProps) {
  return (
    <>
      <Input
        name="beneficiaryCount"
        label="How many people will benefit directly?"
        labelClassName="govuk-label--m"
        hint="Your best estimate, as a whole number"
        inputMode="numeric"
        widthClass="govuk-input--width-10"
        error={errors?.beneficiaryCount}
        defaultValue={one(values, "beneficiaryCount")}
      />
      <Checkboxes
        name="ageGroups"
        legend="How old are they?"
        hint="Select all that apply."
        error={errors?.ageGroups}
        values={many(values, "ageGroups")}
        items={AGE_GROUPS.map((a) => ({ value: a.value, text: a.text }))}
      />
    </>
  );
}
