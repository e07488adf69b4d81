/** The fields of a Police and Crime Plan, shared by "Add a plan", "Change a plan" and "Create a new version". */
import { Form } from "@remix-run/react";
import { Button, DateInput, ErrorSummary, Input, Textarea } from "~/components/govuk";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { dateFieldIds, dateParts, useFormState } from "./form-state";

const FIELDS = ["name", "slug", "area", "startsOn", "endsOn", "priorities", "themes"];

export function PlanForm({ failure, defaults, submitText }: { failure?: { errors?: FieldErrors; values?: FormValues } | null; defaults: FormValues; submitText: string }) {
  const { errors, value, date } = useFormState(failure, defaults, FIELDS);
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={dateFieldIds(["startsOn", "endsOn"])} />
      <Form method="post" noValidate>
        <Input name="name" label="Plan name" labelClassName="govuk-label--s" hint="For example, West Yorkshire Police and Crime Plan 2024-28" error={errors?.name} defaultValue={value("name")} />
        <Input
          name="slug"
          label="Web address name"
          labelClassName="govuk-label--s"
          hint="Lowercase letters, numbers and hyphens, like west-yorkshire-pcp-2024-28"
          spellCheck={false}
          error={errors?.slug}
          defaultValue={value("slug")}
        />
        <Input name="area" label="Area the plan covers" labelClassName="govuk-label--s" hint="For example, West Yorkshire" error={errors?.area} defaultValue={value("area")} />
        <DateInput name="startsOn" legend="Date the plan starts" hint="For example, 1 4 2024" error={errors?.startsOn} value={date("startsOn")} />
        <DateInput name="endsOn" legend="Date the plan ends" hint="For example, 31 3 2028" error={errors?.endsOn} value={date("endsOn")} />
        <Textarea
          name="priorities"
          label="Priorities"
          labelClassName="govuk-label--s"
          hint="Put each priority on its own line. Bids say which priorities they deliver, and reports are grouped by them"
          rows={6}
          error={errors?.priorities}
          defaultValue={value("priorities")}
        />
        <Textarea
          name="themes"
          label="Cross-cutting themes (optional)"
          labelClassName="govuk-label--s"
          hint='Put each theme on its own line. Start a line with "Spotlight:" for a spotlight theme, like Spotlight: Serious Violence'
          rows={6}
          error={errors?.themes}
          defaultValue={value("themes")}
        />
        <Button>{submitText}</Button>
      </Form>
    </>
  );
}

type PlanRecord = {
  name: string;
  slug: string;
  area: string;
  startsOn: string;
  endsOn: string;
  priorities: { name: string }[];
  themes: { name: string; kind: "cross_cutting" | "spotlight" }[];
};

/** A stored plan as the form's text, the inverse of planSchema (spotlight themes get their prefix back). */
export function planToFormValues(plan: PlanRecord): FormValues {
  return {
    name: plan.name,
    slug: plan.slug,
    area: plan.area,
    ...dateParts("startsOn", plan.startsOn),
    ...dateParts("endsOn", plan.endsOn),
    priorities: plan.priorities.map((p) => p.name).join("\n"),
    themes: plan.themes.map((t) => (t.kind === "spotlight" ? `Spotlight: ${t.name}` : t.name)).join("\n"),
  };
}
