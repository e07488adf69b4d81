import { Checkboxes } from "~/components/govuk";
import { many, type SectionProps } from "./types";

export function PrioritiesSection({ values, errors, choices, round }: SectionProps) {
  return (
    <>
      <Checkboxes
        name="priorityIds"
        legend={`Which priorities of the ${round.planName} will your project help deliver?`}
        hint="Select all that apply. You must select at least one."
        error={errors?.priorityIds}
        values={many(values, "priorityIds")}
        items={choices.priorities.map((p) => ({ value: String(p.id), text: p.name }))}
      />
      {choices.themes.length > 0 ? (
        <Checkboxes
          name="themeIds"
          legend="Which cross-cutting themes does it address? (optional)"
          hint="Select all that apply."
          error={errors?.themeIds}
          values={many(values, "themeIds")}
          items={choices.themes.map((t) => ({ value: String(t.id), text: t.kind === "spotlight" ? `${t.name} (spotlight)` : t.name }))}
        />
      ) : null}
      <Checkboxes
        name="tagIds"
        legend="Which of these does your project tackle? (optional)"
        hint="These help us report to the Police and Crime Panel. Select all that apply."
        error={errors?.tagIds}
        values={many(values, "tagIds")}
        small
        items={choices.tags.map((t) => ({ value: String(t.id), text: t.name }))}
      />
    </>
  );
}
