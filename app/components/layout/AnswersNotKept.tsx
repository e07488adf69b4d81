/**
 * The rare case where a form sent after the session ended holds more than can be kept while the
 * person signs in again: the answers are shown at once, to copy, so they are still not lost.
 * Rendered by the root error boundary for the 401 that `signInFirst` throws.
 */
import { fieldLabel, isListedField, type KeptAnswers } from "~/domain/accounts/kept-answers";

export type AnswersNotKeptData = { answersNotKept: KeptAnswers };

export function isAnswersNotKept(data: unknown): data is AnswersNotKeptData {
  return Boolean(data && typeof data === "object" && "answersNotKept" in data);
}

export function AnswersNotKept({ answers }: { answers: KeptAnswers }) {
  const listed = answers.fields.filter(([name, value]) => isListedField(name, value));
  const signIn = `/login?${new URLSearchParams({ redirectTo: answers.to.split("?")[0] })}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have been signed out</h1>
        <p className="govuk-body">Your answers have not been sent. They are too long for us to keep while you sign in again, so copy them before you go on.</p>
        <p className="govuk-body">Then sign in, go back to the page and paste them in.</p>
        {listed.map(([name, value], i) => (
          <div className="govuk-form-group" key={`${name}-${i}`}>
            <label className="govuk-label govuk-label--s" htmlFor={`not-kept-${i}`}>
              {fieldLabel(name)}
            </label>
            <textarea className="govuk-textarea" id={`not-kept-${i}`} rows={Math.min(12, Math.max(2, value.split("\n").length + 1))} readOnly defaultValue={value} />
          </div>
        ))}
        <a className="govuk-button" data-module="govuk-button" role="button" draggable="false" href={signIn}>
          Sign in
        </a>
      </div>
    </div>
  );
}
