import { Checkboxes, Input, Radios } from "~/components/govuk";
import { DECLARATIONS } from "~/domain/bids/sections";
import { many, one, type SectionProps } from "./types";

export function SafeguardingSection({ values, errors }: SectionProps) {
  return (
    <>
      <Radios
        name="hasPolicy"
        legend="Does your organisation have a safeguarding policy?"
        hint="You will upload it with your documents"
        error={errors?.hasPolicy}
        value={one(values, "hasPolicy")}
        items={[
          { value: "yes", text: "Yes" },
          { value: "no", text: "No" },
        ]}
      />
      <Input name="leadName" label="Name of your safeguarding lead" labelClassName="govuk-label--m" autoComplete="name" error={errors?.leadName} defaultValue={one(values, "leadName")} />
      <Checkboxes
        name="declarations"
        legend="Declarations"
        hint="Select each statement to confirm it."
        error={errors?.declarations}
        values={many(values, "declarations")}
        items={DECLARATIONS.map((d) => ({ value: d.value, text: d.text }))}
      />
    </>
  );
}
