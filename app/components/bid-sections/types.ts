import type { FieldErrors, FormValues } from "~/utils/forms";

export type Choice = { id: number; name: string; kind?: string };

/** What every bid page component receives: the choices on offer, the answers so far, the errors. */
export type SectionProps = {
  values: FormValues;
  errors?: FieldErrors;
  choices: { priorities: Choice[]; themes: Choice[]; tags: Choice[]; districts: Choice[]; outcomes: Choice[] };
  round: { maxAwardPence: number; deliveryStartsOn: string; deliveryEndsOn: string; planName: string };
};

export function one(values: FormValues, name: string): string | undefined {
  const v = values[name];
  return Array.isArray(v) ? v[0] : v;
}

export function many(values: FormValues, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
