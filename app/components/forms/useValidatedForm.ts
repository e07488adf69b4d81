/**
 * Progressive enhancement for GOV.UK forms: with JavaScript, react-hook-form checks the same zod
 * schema the server uses and shows errors before posting; without it, the form posts and the server
 * answers with the same messages. Either way the error summary and inline errors look the same.
 *
 * The resolver reads the form's own FormData, flattened exactly as the server's `parseForm` does,
 * so names like `lines.0.cost` and GOV.UK date parts mean the same thing in both places.
 */
import { useSubmit } from "@remix-run/react";
import { useRef, type FormEvent } from "react";
import { useForm, type FieldErrors as HookErrors, type FieldValues, type Resolver } from "react-hook-form";
import type { ZodTypeAny } from "zod";
import { formDataToValues, zodErrorsToFields, type FieldErrors, type FormFailure } from "~/utils/forms";

function flatten(errors: HookErrors, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === "string") out[path] = value.message;
    else if (typeof value === "object") Object.assign(out, flatten(value as HookErrors, path));
  }
  return out;
}

function formDataResolver(schema: ZodTypeAny, formRef: { current: HTMLFormElement | null }): Resolver<FieldValues> {
  return async () => {
    const values = formRef.current ? formDataToValues(new FormData(formRef.current)) : {};
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data as FieldValues, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const [path, message] of Object.entries(zodErrorsToFields(result.error))) errors[path] = { type: "validation", message };
    return { values: {}, errors: errors as never };
  };
}

export function useValidatedForm(schema: ZodTypeAny, failure?: FormFailure | null | Record<string, unknown>) {
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement | null>(null);
  const form = useForm<FieldValues>({ resolver: formDataResolver(schema, formRef), mode: "onSubmit" });
  const clientErrors = flatten(form.formState.errors);
  const serverFailure = failure && "errors" in failure ? (failure as FormFailure) : undefined;
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverFailure?.errors;
  const values = serverFailure?.values ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    formRef.current = element;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? element, { method: "post", action: element.getAttribute("action") ?? undefined }))(event);
  }

  /** The value the person typed last time, for `defaultValue`. */
  function typed(name: string): string | undefined {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  }

  /** All values typed for a repeated field (checkboxes). */
  function typedAll(name: string): string[] | undefined {
    const v = values[name];
    return v === undefined ? undefined : Array.isArray(v) ? v : [v];
  }

  return { errors, onSubmit, typed, typedAll, hasServerValues: Boolean(serverFailure) };
}
