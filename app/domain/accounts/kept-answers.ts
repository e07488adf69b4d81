/**
 * "No typed answers lost": when a form is sent after the session has ended, what was typed is kept
 * (sealed, on the person's own device) while they sign in again, then shown back to be checked and
 * sent. These are the rules about what is kept and how it is shown; utils/kept-answers.server.ts
 * seals and opens it. Pure, so the browser can use the same words.
 */

/** Where a person lands after signing in again, to check the kept answers and send them. */
export const KEPT_ANSWERS_PATH = "/session/resume";

/** Kept answers can be sent for this long after the form was refused; then they are gone. */
export const KEPT_FOR_MS = 60 * 60 * 1000;

/**
 * Never kept: passwords, one-time tokens, and anything secret. (The portal has no CSRF tokens, since
 * cross-site posts are refused at the edge, but a field that looks like one is not kept either, so
 * it could never be replayed.) A field called `code` is kept: a fund's or round's code is typed
 * work; a two-factor code in a kept form is useless a minute later, and is sealed like the rest.
 */
const NEVER_KEPT = /password|token|csrf|secret|otp/i;

export function isKeptField(name: string): boolean {
  return name !== "" && !NEVER_KEPT.test(name);
}

/** Fields that only say which button was pressed: sent again, but not listed for checking. */
const NOT_LISTED = new Set(["intent", "_action"]);

export function isListedField(name: string, value: string): boolean {
  return value.trim() !== "" && !NOT_LISTED.has(name);
}

export type KeptField = [name: string, value: string];

export type KeptAnswers = {
  /** The address the form was sent to (path and query), where it is sent again. */
  to: string;
  fields: KeptField[];
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Whose session had ended: only they are shown the answers after signing in again. */
  ownerId: number;
};

/**
 * A readable name for a field the portal only knows by its form name: "organisationName" becomes
 * "Organisation name", "lines.0.cost" becomes "Lines 1 cost", "startsOnDay" becomes "Starts on day".
 */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/\.(\d+)(?=\.|$)/g, (_, n: string) => ` ${Number(n) + 1} `)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._-]+/g, " ")
    .trim()
    .toLowerCase()
    .split(/\s+/);
  const text = words.join(" ");
  return text === "" ? name : text[0].toUpperCase() + text.slice(1);
}

/** The address to post the kept answers to: their own, marked so an index route's action is the target. */
export function resendAddress(to: string): string {
  return /[?&]index(=|&|$)/.test(to) ? to : `${to}${to.includes("?") ? "&" : "?"}index`;
}
