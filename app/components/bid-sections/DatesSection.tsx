import { DateInput } from "~/components/govuk";
import { formatIsoDate } from "~/domain/time/london";
import { one, type SectionProps } from "./types";

const parts = (values: SectionProps["values"], name: string) => ({ day: one(values, `${name}Day`), month: one(values, `${name}Month`), year: one(values, `${name}Year`) });

export function DatesSection({ values, errors, round }: SectionProps) {
  const window = `Your project must start and finish between ${formatIsoDate(round.deliveryStartsOn)} and ${formatIsoDate(round.deliveryEndsOn)}.`;
  return (
    <>
      <p className="govuk-body">{window}</p>
      <DateInput name="startsOn" legend="When will your project start?" legendClassName="govuk-fieldset__legend--m" hint="For example, 1 4 2027" error={errors?.startsOn} value={parts(values, "startsOn")} />
      <DateInput name="endsOn" legend="When will it finish?" legendClassName="govuk-fieldset__legend--m" hint="For example, 31 3 2028" error={errors?.endsOn} value={parts(values, "endsOn")} />
    </>
  );
}
