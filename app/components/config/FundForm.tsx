/** The fields of a fund, shared by "Add a fund" and "Change a fund". */
import { Form } from "@remix-run/react";
import { Button, ErrorSummary, Input, Radios, Textarea } from "~/components/govuk";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useFormState } from "./form-state";

export const FUND_FIELDS = ["name", "slug", "code", "moneySource", "description", "allocationMethod", "defaultMaxAward"];

export function FundForm({
  failure,
  defaults,
  submitText,
}: {
  failure?: { errors?: FieldErrors; values?: FormValues } | null;
  defaults: FormValues;
  submitText: string;
}) {
  const { errors, value } = useFormState(failure, defaults, FUND_FIELDS);
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Input name="name" label="Fund name" labelClassName="govuk-label--s" error={errors?.name} defaultValue={value("name")} />
        <Input
          name="slug"
          label="Web address name"
          labelClassName="govuk-label--s"
          hint="Used in the fund's web addresses. Lowercase letters, numbers and hyphens, like mayors-safer-communities-fund"
          spellCheck={false}
          error={errors?.slug}
          defaultValue={value("slug")}
        />
        <Input
          name="code"
          label="Reference code"
          labelClassName="govuk-label--s"
          hint="Up to 10 letters and numbers, like MSCF. It starts every bid reference, like MSCF-GR7-0042"
          widthClass="govuk-input--width-10"
          spellCheck={false}
          error={errors?.code}
          defaultValue={value("code")}
        />
        <Input
          name="moneySource"
          label="Where the money comes from"
          labelClassName="govuk-label--s"
          hint="For example, Proceeds of Crime Act (POCA)"
          error={errors?.moneySource}
          defaultValue={value("moneySource")}
        />
        <Textarea name="description" label="Description" labelClassName="govuk-label--s" error={errors?.description} defaultValue={value("description")} />
        <Radios
          name="allocationMethod"
          legend="How is the money allocated?"
          legendClassName="govuk-fieldset__legend--s"
          error={errors?.allocationMethod}
          value={value("allocationMethod")}
          items={[
            { value: "competitive", text: "Competitive", hint: "Groups bid for grants in rounds and the best bids are funded" },
            { value: "passported", text: "Passported", hint: "Allocated without competition, for example to the Community Safety Partnerships" },
          ]}
        />
        <Input
          name="defaultMaxAward"
          label="Default maximum award"
          labelClassName="govuk-label--s"
          hint="The most one bid can usually be awarded, like 8,000.00. New rounds of this fund start with this amount. Enter 0 if there is no maximum"
          prefix="£"
          widthClass="govuk-input--width-10"
          inputMode="decimal"
          spellCheck={false}
          error={errors?.defaultMaxAward}
          defaultValue={value("defaultMaxAward")}
        />
        <Button>{submitText}</Button>
      </Form>
    </>
  );
}
