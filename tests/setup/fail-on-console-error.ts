// A test that makes the app log an error has found a problem, even if its assertions passed.
import { afterEach, beforeEach, vi } from "vitest";

let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

/** For the rare test whose point is that something is logged: takes the errors logged so far. */
export function takeConsoleErrors(): string[] {
  const taken = errors.map((args) => args.map(String).join(" "));
  errors = [];
  return taken;
}

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const shown = errors.map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ")).join("\n");
    throw new Error(`console.error was called during the test:\n${shown}`);
  }
});
