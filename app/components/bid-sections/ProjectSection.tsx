import { Input, Textarea } from "~/components/govuk";
import { SUMMARY_WORD_LIMIT } from "~/domain/bids/context";
import { one, type SectionProps } from "./types";

export function ProjectSection({ values, errors }: SectionProps) {
  return (
    <>
      <Input name="title" label="Project title" labelClassName="govuk-label--m" hint="A short name people will recognise, like 'Holbeck youth boxing nights'" error={errors?.title} defaultValue={one(values, "title")} />
      <Textarea
        name="summary"
        label="Summary of your project"
        labelClassName="govuk-label--m"
        hint={`In ${SUMMARY_WORD_LIMIT} words or fewer: what you will do, for whom, and the difference it will make. If funded, this may be published.`}
        error={errors?.summary}
        defaultValue={one(values, "summary")}
      />
    </>
  );
}
