/** GOV.UK error summary: "There is a problem", each error linking to its field. Focused on show. */
import { useEffect, useRef } from "react";
import type { FieldErrors } from "~/utils/forms";

export function ErrorSummary({ errors, fieldIds = {} }: { errors?: FieldErrors; fieldIds?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  const signature = entries.map(([k, v]) => `${k}:${v}`).join("|");
  useEffect(() => {
    if (!signature) return;
    ref.current?.focus();
    // Errors found in the browser: say so in the title too, as the server does for posted forms.
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  }, [signature]);
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === "form" ? message : <a href={`#${fieldIds[field] ?? fieldId(field)}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The id a field's input gets from its name, so summary links and labels agree. */
export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

