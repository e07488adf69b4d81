import { describe, expect, it } from "vitest";
import { lockedUntil, MAX_FAILURES } from "~/domain/accounts/throttle";
import { safeRedirectPath } from "~/domain/accounts/roles";
import { signUpSchema } from "~/domain/accounts/schemas";
import { zodErrorsToFields } from "~/utils/forms";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));
const failures = (minutes: number[]) => minutes.map((m) => ({ at: at(m), succeeded: false })).reverse();

describe("account lock-out", () => {
  it("locks after the tenth failure within 15 minutes, for 15 minutes from it", () => {
    const attempts = failures([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(lockedUntil(attempts, at(9))).toEqual(at(24));
    expect(lockedUntil(attempts, at(24))).toBeNull();
  });

  it("does not lock after nine failures", () => {
    expect(lockedUntil(failures([0, 1, 2, 3, 4, 5, 6, 7, 8]), at(9))).toBeNull();
    expect(MAX_FAILURES).toBe(10);
  });

  it("a success in between resets the count", () => {
    const attempts = [...failures([6, 7, 8, 9]), { at: at(5), succeeded: true }, ...failures([0, 1, 2, 3, 4])];
    expect(lockedUntil(attempts, at(9))).toBeNull();
  });
});

describe("redirect after sign-in", () => {
  it.each([
    ["/account", "/account"],
    ["//evil.example", "/home"],
    ["/\\evil.example", "/home"],
    ["https://evil.example", "/home"],
    ["", "/home"],
    [null, "/home"],
  ])("%j goes to %j", (to, expected) => {
    expect(safeRedirectPath(to, "/home")).toBe(expected);
  });
});

describe("sign-up form", () => {
  it("reports every problem at once, in form order", () => {
    const result = signUpSchema.safeParse({ name: "", organisationName: "", email: "x", password: "short", confirmPassword: "other" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(zodErrorsToFields(result.error))).toEqual(["name", "organisationName", "email", "password", "confirmPassword"]);
  });

  it("normalises the email address to lower case", () => {
    const result = signUpSchema.parse({ name: "A", organisationName: "B", email: " Sam@Example.ORG ", password: "0123456789ab", confirmPassword: "0123456789ab" });
    expect(result.email).toBe("sam@example.org");
  });
});
