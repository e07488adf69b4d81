/** GOV.UK text input, textarea and select, each with label, hint and inline error. */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { forwardRef } from "react";
import { fieldId } from "./ErrorSummary";

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Show the label as the page heading (one question per page). */
  isPageHeading?: boolean;
  labelClassName?: string;
};

function Label({ id, label, isPageHeading, className }: { id: string; label: ReactNode; isPageHeading?: boolean; className?: string }) {
  const cls = `govuk-label ${className ?? (isPageHeading ? "govuk-label--l" : "")}`.trim();
  const el = (
    <label className={cls} htmlFor={id}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{el}</h1> : el;
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}

export const Input = forwardRef<HTMLInputElement, Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & { prefix?: string; widthClass?: string }>(
  function Input({ name, label, hint, error, isPageHeading, labelClassName, prefix, widthClass, className, id: idProp, ...rest }, ref) {
    const id = idProp ?? fieldId(name);
    const input = (
      <input
        ref={ref}
        id={id}
        name={name}
        className={`govuk-input ${widthClass ?? ""} ${error ? "govuk-input--error" : ""} ${className ?? ""}`.replace(/\s+/g, " ").trim()}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    );
    return (
      <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
        <Label id={id} label={label} isPageHeading={isPageHeading} className={labelClassName} />
        <HintAndError id={id} hint={hint} error={error} />
        {prefix ? (
          <div className="govuk-input__wrapper">
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
            {input}
          </div>
        ) : (
          input
        )}
      </div>
    );
  },
);

export const Textarea = forwardRef<HTMLTextAreaElement, Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">>(
  function Textarea({ name, label, hint, error, isPageHeading, labelClassName, id: idProp, rows = 5, ...rest }, ref) {
    const id = idProp ?? fieldId(name);
    return (
      <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
        <Label id={id} label={label} isPageHeading={isPageHeading} className={labelClassName} />
        <HintAndError id={id} hint={hint} error={error} />
        <textarea
          ref={ref}
          id={id}
          name={name}
          rows={rows}
          className={`govuk-textarea ${error ? "govuk-textarea--error" : ""}`.trim()}
          aria-describedby={describedBy(id, hint, error)}
          {...rest}
        />
      </div>
    );
  },
);

export function Select({
  name,
  label,
  hint,
  error,
  options,
  labelClassName,
  ...rest
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & { options: { value: string; text: string }[] }) {
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
      <Label id={id} label={label} className={labelClassName} />
      <HintAndError id={id} hint={hint} error={error} />
      <select id={id} name={name} className={`govuk-select ${error ? "govuk-select--error" : ""}`.trim()} aria-describedby={describedBy(id, hint, error)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export { HintAndError, describedBy };
