/** The words a person sees when sign-in is refused. No message says whether the e-mail exists. */
import { formatLondonDateTime } from "~/domain/time/london";

export const WRONG_CREDENTIALS = "Enter a correct email address and password";

export function lockedMessage(until: Date): string {
  return `You have entered the wrong password too many times. Your account is locked for 15 minutes: try again after ${formatLondonDateTime(until)}`;
}
