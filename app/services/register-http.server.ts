/**
 * The one way the portal asks a public register something. It never throws: a register that is
 * down, slow or refuses our key becomes "unavailable", which is recorded and re-run later, because
 * an organisation's page must keep working whatever the outside world is doing.
 */
import type { NotFound, Unavailable } from "~/domain/due-diligence/register-results";

export type RegisterAnswer = { status: "ok"; body: unknown } | NotFound | Unavailable;

export async function askRegister(url: string, { headers = {}, timeoutMs }: { headers?: Record<string, string>; timeoutMs: number }): Promise<RegisterAnswer> {
  try {
    // The signal also bounds reading the body, so a register that stalls mid-answer is cut off too.
    const response = await fetch(url, { headers: { Accept: "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    // Read every body, even an error's, so the connection is released back to the pool.
    const text = await response.text();
    if (response.status === 404) return { status: "not_found" };
    if (!response.ok) return unavailable(`The register answered with an error (HTTP ${response.status})`);
    return { status: "ok", body: text.trim() ? JSON.parse(text) : null };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      return unavailable(`The register did not answer within ${timeoutMs / 1000} seconds`);
    }
    if (error instanceof SyntaxError) return unavailable("The register's answer could not be read");
    return unavailable("The register could not be reached");
  }
}

export function unavailable(reason: string): Unavailable {
  return { status: "unavailable", reason };
}

/** "2001-06-01T00:00:00" (as the registers send dates) to "2001-06-01". */
export function isoDay(value: string | null | undefined): string | null {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}
