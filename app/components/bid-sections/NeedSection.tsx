import { Textarea } from "~/components/govuk";
import { LONG_ANSWER_WORD_LIMIT } from "~/domain/bids/context";
import { one, type SectionProps } from "./types";

export function NeedSection({ values, errors }: SectionProps) {
  return (
    <>
      <Textarea
        name="need"
        label="Why is your project needed?"
        labelClassName="govuk-label--m"
        rows={8}
        hint={`In ${LONG_ANSWER_WORD_LIMIT} words or fewer. Give local evidence: figures, what people have told you, what you have seen.`}
        error={errors?.need}
        defaultValue={one(values, "need")}
      />
      <Textarea
        name="activities"
        label="What will your project do?"
        labelClassName="govuk-label--m"
        rows={8}
        hint={`In ${LONG_ANSWER_WORD_LIMIT} words or fewer. Describe the activities, how often, where, and who will run them.`}
        error={errors?.activities}
        defaultValue={one(values, "activities")}
      />
    </>
  );
}
