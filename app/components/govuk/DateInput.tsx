/** GOV.UK date input: day, month and year boxes named `${name}Day`, `${name}Month`, `${name}Year`. */
import type { ReactNode } from "react";
import { fieldId } from "./ErrorSummary";
import { Fieldset } from "./Choices";

export function DateInput({
  name,
  legend,
  hint,
  error,
  value,
  legendClassName = "govuk-fieldset__legend--s",
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value?: { day?: string; month?: string; year?: string };
  legendClassName?: string;
}) {
  const id = fieldId(name);
  const parts = [
    { key: "Day", label: "Day", width: 2, v: value?.day },
    { key: "Month", label: "Month", width: 2, v: value?.month },
    { key: "Year", label: "Year", width: 4, v: value?.year },
  ];
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} legendClassName={`govuk-fieldset__legend ${legendClassName}`}>
      <div className="govuk-date-input" id={id}>
        {parts.map((p) => (
          <div className="govuk-date-input__item" key={p.key}>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={`${id}${p.key}`}>
                {p.label}
              </label>
              <input
                className={`govuk-input govuk-date-input__input govuk-input--width-${p.width} ${error ? "govuk-input--error" : ""}`.trim()}
                id={`${id}${p.key}`}
                name={`${name}${p.key}`}
                type="text"
                inputMode="numeric"
                defaultValue={p.v}
              />
            </div>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** Splits "2026-03-31" into the three boxes' values. */
export function isoToDateParts(iso?: string | null) {
  if (!iso) return undefined;
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}
