/**
 * The one place the server asks for the time, so deadline rules can be tested with a moved clock
 * (tests use vitest's fake timers, which move `Date`).
 */
export function now(): Date {
  return new Date();
}
