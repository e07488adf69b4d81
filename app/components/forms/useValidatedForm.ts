/**
 * Progressive enhancement for GOV.UK forms: with JavaScript, react-hook-form checks the same zod
 * schema the server uses and shows errors before posting; without it, the form posts and the server
 * answers with the same messages. Either way the error summary and inline errors look the same.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type FieldErrors as HookErrors, type FieldValues } from "react-hook-form";
import type { ZodTypeAny } from "zod";
import type { FieldErrors, FormFailure } from "~/utils/forms";

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

export function useValidatedForm(schema: ZodTypeAny, failure?: FormFailure | null | Record<string, unknown>) {
  const submit = useSubmit();
  const form = useForm<FieldValues>({ resolver: zodResolver(schema), mode: "onSubmit", reValidateMode: "onChange" });
  const clientErrors = flatten(form.formState.errors);
  const serverFailure = failure && "errors" in failure ? (failure as FormFailure) : undefined;
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverFailure?.errors;
  const values = serverFailure?.values ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? element, { method: "post", action: element.getAttribute("action") ?? undefined }))(event);
  }

  /** The value the person typed last time, for `defaultValue`. */
  function typed(name: string): string | undefined {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  }

  return { register: form.register, errors, onSubmit, typed };
}
