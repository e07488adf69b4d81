/**
 * One way to read a posted form on the server: FormData -> plain object -> zod schema. A failure
 * returns the GOV.UK error list (first message per field, in form order) and what the person typed,
 * so the page can show "There is a problem" and keep their answers.
 */
import type { z, ZodTypeAny } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<S extends ZodTypeAny> =
  | { ok: true; data: z.output<S> }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Keys that a person never types and never gets back (passwords, tokens). */
const NOT_ECHOED = /password|token/i;

export function formDataToValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, raw] of formData.entries()) {
    if (typeof raw !== "string") continue;
    const existing = values[key];
    if (existing === undefined) values[key] = raw;
    else values[key] = Array.isArray(existing) ? [...existing, raw] : [existing, raw];
  }
  return values;
}

export function zodErrorsToFields(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

export function parseForm<S extends ZodTypeAny>(schema: S, formData: FormData): FormResult<S> {
  const values = formDataToValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: zodErrorsToFields(result.error), values: echoable(values) };
}

export function echoable(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !NOT_ECHOED.test(key)));
}

/** The shape every action returns when it refuses input. */
export type FormFailure = { errors: FieldErrors; values: FormValues };

export function formFailure(errors: FieldErrors, values: FormValues = {}): FormFailure {
  return { errors, values: echoable(values) };
}
