/** A record id from the address: a positive whole number, or the page does not exist (404). */
import { notFound } from "./auth.server";

export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}
