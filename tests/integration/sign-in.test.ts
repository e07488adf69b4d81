import { describe, expect, it, vi, afterEach } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { loader as accountLoader } from "~/routes/account";
import { countSessionsForUser } from "~/models/session.server";
import { call, jsonOf, sessionCookieFrom } from "../setup/remix";
import { createUser, TEST_PASSWORD, withAuthenticator } from "../factories/accounts";

afterEach(() => {
  vi.useRealTimers();
});

describe("signing in", () => {
  it("a person with the right password is signed in and lands on their role's dashboard", async () => {
    const applicant = await createUser("applicant");
    const response = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/applications");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookieFrom(response)!;
    const account = await call(accountLoader, "/account", { cookie });
    expect(account.status).toBe(200);
    expect((await jsonOf<{ user: { email: string } }>(account)).user.email).toBe(applicant.email);
  });

  it("staff with an authenticator are asked for its code before their dashboard (see two-factor.test.ts)", async () => {
    const officer = await createUser("grants_officer");
    withAuthenticator(officer.id);
    const response = await call(loginAction, "/login", { form: { email: officer.email, password: TEST_PASSWORD } });
    expect(response.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fofficer");
  });

  it("the email address is matched whatever its case", async () => {
    const applicant = await createUser("applicant");
    const response = await call(loginAction, "/login", { form: { email: applicant.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(response.headers.get("Location")).toBe("/applications");
  });

  it("a wrong password gets the same message as an unknown email, and no session", async () => {
    const applicant = await createUser("applicant");
    const wrong = await call(loginAction, "/login", { form: { email: applicant.email, password: "not-the-password" } });
    const unknown = await call(loginAction, "/login", { form: { email: "nobody@example.org", password: "not-the-password" } });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = await jsonOf<{ errors: Record<string, string> }>(wrong);
    const b = await jsonOf<{ errors: Record<string, string> }>(unknown);
    expect(a.errors.email).toBe("Enter a correct email address and password");
    expect(b.errors).toEqual(a.errors);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("empty fields are refused with GOV.UK messages and the email typed is kept", async () => {
    const response = await call(loginAction, "/login", { form: { email: "someone@example.org", password: "" } });
    expect(response.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string>; values: Record<string, string> }>(response);
    expect(body.errors).toEqual({ password: "Enter your password" });
    expect(body.values).toEqual({ email: "someone@example.org" });
  });

  it("every sign-in gets a new session id, and the session the browser had before is ended", async () => {
    const applicant = await createUser("applicant");
    const first = sessionCookieFrom(await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } }))!;
    const second = sessionCookieFrom(await call(loginAction, "/login", { cookie: first, form: { email: applicant.email, password: TEST_PASSWORD } }))!;
    expect(second).not.toBe(first);
    expect(countSessionsForUser(applicant.id)).toBe(1);
    const withOld = await call(accountLoader, "/account", { cookie: first });
    expect(withOld.status).toBe(302);
    expect(withOld.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("only redirects back to a page on this site after sign-in", async () => {
    const applicant = await createUser("applicant");
    const offsite = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD, redirectTo: "//evil.example/phish" } });
    expect(offsite.headers.get("Location")).toBe("/applications");
    const onsite = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD, redirectTo: "/account" } });
    expect(onsite.headers.get("Location")).toBe("/account");
  });

  it("a signed-in person visiting /login is sent to their dashboard", async () => {
    const finance = await createUser("finance");
    const cookie = sessionCookieFrom(await call(loginAction, "/login", { form: { email: finance.email, password: TEST_PASSWORD } }))!;
    const response = await call(loginLoader, "/login", { cookie });
    expect(response.headers.get("Location")).toBe("/finance");
  });
});

describe("sign-in throttling", () => {
  it("after 10 failed attempts within 15 minutes the account is locked for 15 minutes, even with the right password", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    const applicant = await createUser("applicant");
    for (let i = 0; i < 9; i++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 23, 10, i)));
      const r = await call(loginAction, "/login", { form: { email: applicant.email, password: "wrong-password-123" } });
      expect(r.status).toBe(400);
    }
    vi.setSystemTime(new Date("2026-11-23T10:10:00Z"));
    const tenth = await call(loginAction, "/login", { form: { email: applicant.email, password: "wrong-password-123" } });
    expect(tenth.status).toBe(429);
    expect((await jsonOf<{ errors: Record<string, string> }>(tenth)).errors.email).toContain("Your account is locked for 15 minutes: try again after Monday 23 November 2026 at 10:25am");

    vi.setSystemTime(new Date("2026-11-23T10:24:59Z"));
    const stillLocked = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } });
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.headers.get("Set-Cookie")).toBeNull();

    vi.setSystemTime(new Date("2026-11-23T10:25:00Z"));
    const unlocked = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } });
    expect(unlocked.status).toBe(302);
  });

  it("failures spread over more than 15 minutes do not lock the account", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const applicant = await createUser("applicant");
    for (let i = 0; i < 10; i++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 23, 10, i * 2)));
      await call(loginAction, "/login", { form: { email: applicant.email, password: "wrong-password-123" } });
    }
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 23, 10, 19)));
    const ok = await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } });
    expect(ok.status).toBe(302);
  });
});
