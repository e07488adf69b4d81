/** The words a person sees when sign-in is refused. No message says whether the e-mail exists. */
import { formatLondonDateTime } from "~/domain/time/london";

export const WRONG_CREDENTIALS = "Enter a correct email address and password";
/** Shown only after the right password, so it tells nobody else that the account exists. */
export const ACCESS_REMOVED = "Your access to the portal has been removed. If you need it back, ask an administrator";

export function lockedMessage(until: Date): string {
  return `You have entered the wrong password too many times. Your account is locked for 15 minutes: try again after ${formatLondonDateTime(until)}`;
}
