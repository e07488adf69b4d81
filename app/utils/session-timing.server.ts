/**
 * How long the request's session has left, for the sign-out warning. Counted on the server's clock
 * and sent as a duration, so a browser whose clock is wrong still warns at the right moment.
 */
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from "~/models/session.server";
import type { SessionTiming } from "~/domain/accounts/session-timeout";
import { now } from "./clock.server";
import { getActiveSession } from "./session.server";

/** Undefined when there is no live session. `touch: false` reads without counting as activity. */
export async function sessionTiming(request: Request, { touch }: { touch: boolean }): Promise<SessionTiming | undefined> {
  const session = await getActiveSession(request, { touch });
  if (!session) return undefined;
  const endsAt = session.endsAt.getTime();
  return {
    endsInMs: Math.max(0, endsAt - now().getTime()),
    reason: endsAt >= session.createdAt.getTime() + SESSION_MAX_AGE_MS ? "absolute" : "idle",
    idleMinutes: SESSION_IDLE_MS / 60_000,
    maxHours: SESSION_MAX_AGE_MS / 3_600_000,
  };
}
