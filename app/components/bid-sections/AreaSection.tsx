import { Checkboxes, Textarea } from "~/components/govuk";
import { many, one, type SectionProps } from "./types";

export function AreaSection({ values, errors, choices }: SectionProps) {
  return (
    <>
      <Checkboxes
        name="districtIds"
        legend="Which districts will your project work in?"
        hint="Select all that apply."
        error={errors?.districtIds}
        values={many(values, "districtIds")}
        items={choices.districts.map((d) => ({ value: String(d.id), text: d.name }))}
      />
      <Textarea name="wards" label="Which wards or neighbourhoods? (optional)" labelClassName="govuk-label--s" rows={3} hint="For example, Holbeck and Beeston" error={errors?.wards} defaultValue={one(values, "wards")} />
    </>
  );
}
