/**
 * What a configuration form shows: the answers the person just posted when the server refused them,
 * otherwise the values the loader prepared (all plain strings, so the form never converts pence or
 * instants itself). Errors are put in the order the fields appear, as GOV.UK asks of the summary.
 */
import type { FieldErrors, FormValues } from "~/utils/forms";

type Failure = { errors?: FieldErrors; values?: FormValues } | null | undefined;

export function useFormState(failure: Failure, defaults: FormValues, fieldOrder: string[] = []) {
  const values = failure?.values ?? defaults;
  const errors = failure?.errors ? inFormOrder(failure.errors, fieldOrder) : undefined;

  function value(name: string): string {
    const v = values[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  }

  function date(name: string) {
    return { day: value(`${name}Day`), month: value(`${name}Month`), year: value(`${name}Year`) };
  }

  return { errors, value, date };
}

export function inFormOrder(errors: FieldErrors, fieldOrder: string[]): FieldErrors {
  const rank = (key: string) => {
    const i = fieldOrder.indexOf(key);
    return i === -1 ? fieldOrder.length : i;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Error summary links for GOV.UK date inputs go to the day box, the first one a person fills in. */
export function dateFieldIds(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, `${n}Day`]));
}

/** "2026-03-31" as a GOV.UK date input's three boxes, named `${name}Day`, `${name}Month`, `${name}Year`. */
export function dateParts(name: string, iso: string): FormValues {
  const [y, m, d] = iso.split("-");
  return { [`${name}Day`]: String(Number(d)), [`${name}Month`]: String(Number(m)), [`${name}Year`]: y };
}
