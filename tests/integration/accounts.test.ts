import { afterEach, describe, expect, it, vi } from "vitest";
import { action as signupAction } from "~/routes/signup";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { listAuditEvents } from "~/models/audit.server";
import { countSessionsForUser } from "~/models/session.server";
import { findUserByEmail, listOrganisationsForUser } from "~/models/user.server";
import { call, jsonOf, sessionCookieFrom } from "../setup/remix";
import { lastLinkTo } from "../setup/outbox";
import { signedIn, TEST_PASSWORD } from "../factories/accounts";

afterEach(() => vi.useRealTimers());

const newcomer = {
  name: "Sam Okafor",
  organisationName: "Dewsbury Street Angels",
  email: "Sam@Example.org",
  password: "lantern-harbour-1947",
  confirmPassword: "lantern-harbour-1947",
};

type Failure = { errors: Record<string, string>; values: Record<string, string> };

describe("signing up", () => {
  it("creates the person, their organisation and membership, signs them in and records it", async () => {
    const response = await call(signupAction, "/signup", { form: newcomer });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/applications");
    const user = findUserByEmail("sam@example.org")!;
    expect(user.role).toBe("applicant");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(listOrganisationsForUser(user.id).map((o) => o.name)).toEqual(["Dewsbury Street Angels"]);
    expect(listAuditEvents({ subjectType: "user", subjectId: String(user.id) }).map((e) => e.action)).toContain("account.signed_up");
    const cookie = sessionCookieFrom(response)!;
    expect((await call(accountLoader, "/account", { cookie })).status).toBe(200);
  });

  it("refuses passwords under 10 characters, keeping everything else typed", async () => {
    const response = await call(signupAction, "/signup", { form: { ...newcomer, email: "short@example.org", password: "nine-char", confirmPassword: "nine-char" } });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors.password).toBe("Password must be 10 characters or more");
    expect(body.values).toEqual({ name: "Sam Okafor", organisationName: "Dewsbury Street Angels", email: "short@example.org" });
    expect(findUserByEmail("short@example.org")).toBeUndefined();
  });

  it("accepts a password of exactly 10 characters", async () => {
    const response = await call(signupAction, "/signup", { form: { ...newcomer, email: "ten@example.org", password: "kx7-plover", confirmPassword: "kx7-plover" } });
    expect(response.status).toBe(302);
  });

  it("refuses the most common passwords", async () => {
    for (const common of ["password123", "qwertyuiop", "1234567890"]) {
      const response = await call(signupAction, "/signup", { form: { ...newcomer, email: "common@example.org", password: common, confirmPassword: common } });
      expect(response.status).toBe(400);
      expect((await jsonOf<Failure>(response)).errors.password).toMatch(/on a list of common passwords/);
    }
    expect(findUserByEmail("common@example.org")).toBeUndefined();
  });

  it("refuses passwords that do not match, a missing name and a malformed email", async () => {
    const response = await call(signupAction, "/signup", { form: { ...newcomer, name: " ", email: "not-an-email", confirmPassword: "something-else-entirely" } });
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({
      name: "Enter your full name",
      email: "Enter an email address in the correct format, like name@example.org",
      confirmPassword: "Passwords must match",
    });
  });

  it("refuses a second account for the same email address", async () => {
    await call(signupAction, "/signup", { form: { ...newcomer, email: "twice@example.org" } });
    const again = await call(signupAction, "/signup", { form: { ...newcomer, email: "TWICE@example.org" } });
    expect(again.status).toBe(400);
    expect((await jsonOf<Failure>(again)).errors.email).toMatch(/already exists/);
  });
});

describe("signing out and changing password", () => {
  it("signing out ends the session", async () => {
    const { cookie } = await signedIn("applicant");
    const response = await call(logoutAction, "/logout", { cookie, form: {} });
    expect(response.headers.get("Location")).toBe("/");
    expect((await call(accountLoader, "/account", { cookie })).status).toBe(302);
  });

  it("changing password ends every session of the account, here and on other devices, and starts a new one", async () => {
    const { user, cookie } = await signedIn("applicant");
    const otherDevice = sessionCookieFrom(await call(loginAction, "/login", { form: { email: user.email, password: TEST_PASSWORD } }))!;
    expect(countSessionsForUser(user.id)).toBe(2);
    const response = await call(accountAction, "/account", {
      cookie,
      form: { currentPassword: TEST_PASSWORD, password: "quiet-meadow-lighthouse", confirmPassword: "quiet-meadow-lighthouse" },
    });
    expect(response.status).toBe(302);
    const fresh = sessionCookieFrom(response)!;
    expect(countSessionsForUser(user.id)).toBe(1);
    expect((await call(accountLoader, "/account", { cookie: otherDevice })).status).toBe(302);
    expect((await call(accountLoader, "/account", { cookie })).status).toBe(302);
    expect((await call(accountLoader, "/account", { cookie: fresh })).status).toBe(200);
    expect((await call(loginAction, "/login", { form: { email: user.email, password: "quiet-meadow-lighthouse" } })).status).toBe(302);
  });

  it("refuses a change when the current password is wrong", async () => {
    const { cookie } = await signedIn("finance");
    const response = await call(accountAction, "/account", {
      cookie,
      form: { currentPassword: "not-my-password", password: "quiet-meadow-lighthouse", confirmPassword: "quiet-meadow-lighthouse" },
    });
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors.currentPassword).toBe("Your current password is not correct");
  });
});

describe("password reset by emailed link", () => {
  it("emails a link that sets a new password once, ends old sessions and signs the person in", async () => {
    const { user, cookie } = await signedIn("assessor");
    const asked = await call(forgotAction, "/forgot-password", { form: { email: user.email } });
    expect(await jsonOf(asked)).toEqual({ sent: true, email: user.email });
    const link = lastLinkTo(user.email, "/reset-password/");
    const token = link.split("/").pop()!;
    expect((await jsonOf(await call(resetLoader, link, { params: { token } }))).usable).toBe(true);

    const reset = await call(resetAction, link, { params: { token }, form: { password: "copper-kettle-orchard", confirmPassword: "copper-kettle-orchard" } });
    expect(reset.headers.get("Location")).toBe("/assess");
    expect((await call(accountLoader, "/account", { cookie })).status).toBe(302);

    const again = await call(resetAction, link, { params: { token }, form: { password: "another-new-password", confirmPassword: "another-new-password" } });
    expect(again.status).toBe(400);
    expect((await jsonOf<Failure>(again)).errors.form).toMatch(/expired or has already been used/);
  });

  it("a link older than 1 hour no longer works", async () => {
    const { user } = await signedIn("applicant");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    await call(forgotAction, "/forgot-password", { form: { email: user.email } });
    const token = lastLinkTo(user.email, "/reset-password/").split("/").pop()!;
    vi.setSystemTime(new Date("2026-11-23T10:00:01Z"));
    expect((await jsonOf(await call(resetLoader, "/", { params: { token } }))).usable).toBe(false);
  });

  it("answers the same for an address with no account, and sends nothing", async () => {
    const response = await call(forgotAction, "/forgot-password", { form: { email: "nobody@example.org" } });
    expect(await jsonOf(response)).toEqual({ sent: true, email: "nobody@example.org" });
    expect(() => lastLinkTo("nobody@example.org", "/reset-password/")).toThrow(/No message/);
  });
});
