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

/**
 * Characters nobody can type and nothing downstream can hold: control characters other than tab
 * and new lines (a NUL cuts text short in C libraries, and XML, so XLSX and DOCX exports, refuses
 * them all) and the two non-characters U+FFFE and U+FFFF. Pasted from a broken file, they go.
 */
const UNTYPEABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** Passwords are kept exactly as sent: they are only ever hashed, and must match as typed. */
const KEPT_EXACTLY = /password/i;

export function formDataToValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, sent] of formData.entries()) {
    if (typeof sent !== "string") continue;
    const raw = KEPT_EXACTLY.test(key) ? sent : sent.replace(UNTYPEABLE, "");
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
