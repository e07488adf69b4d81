/**
 * Per-address throttling of sign-in, sign-up and password reset: through the real actions (with the
 * address the HTTP edge would pass in the load context) and through the real HTTP server, where the
 * address comes from the socket itself.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { count } from "drizzle-orm";
import { getDb } from "#db/client";
import { throttleHits, users } from "#db/schema";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password.$token";
import { findUsablePasswordReset } from "~/models/password-reset.server";
import { findUserByEmail } from "~/models/user.server";
import { createHttpApp } from "../../scripts/http-app.js";
import { createUser, TEST_PASSWORD } from "../factories/accounts";
import { useHttpServer } from "../setup/http";
import { outboxMessages, lastLinkTo } from "../setup/outbox";
import { call, jsonOf } from "../setup/remix";

type Failure = { errors: Record<string, string>; values: Record<string, string> };

const T0 = new Date("2026-11-23T10:00:00Z");
const at = (seconds: number) => vi.setSystemTime(new Date(T0.getTime() + seconds * 1000));
const from = (clientAddress?: string) => (clientAddress === undefined ? {} : { clientAddress });

// A different e-mail address each time, so the per-account lock-out (10 failures) never answers first.
let attempt = 0;
const someone = () => `visitor${++attempt}@example.org`;

function signInFrom(clientAddress: string | undefined, email = someone(), password = "not-the-password") {
  return call(loginAction, "/login", { form: { email, password }, context: from(clientAddress) });
}

function throttleRows(): number {
  return getDb().select({ n: count() }).from(throttleHits).get()!.n;
}

afterEach(() => {
  vi.useRealTimers();
  delete process.env.THROTTLE_SIGN_IN;
  delete process.env.THROTTLE_SIGN_UP;
});

describe("sign-in, through the action", () => {
  it("the 21st attempt from one address within 10 minutes is answered 429 with Retry-After, saying when to try again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 20; i++) {
      at(i);
      expect((await signInFrom("203.0.113.7")).status).toBe(400);
    }
    at(20);
    const refused = await signInFrom("203.0.113.7", "someone@example.org", "a-secret-password");
    expect(refused.status).toBe(429);
    // The first attempt (at 10:00:00) leaves the 10-minute window at 10:10:00, 580 seconds away.
    expect(refused.headers.get("Retry-After")).toBe("580");
    const body = await jsonOf<Failure>(refused);
    expect(body.errors).toEqual({ form: "There have been too many attempts from your network. Try again after Monday 23 November 2026 at 10:10am" });
    // What was typed is kept, never the password.
    expect(body.values).toEqual({ email: "someone@example.org" });
    expect(JSON.stringify(body)).not.toContain("a-secret-password");
  });

  it("a throttled attempt does not sign anyone in, even with the right password", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const person = await createUser("applicant");
    for (let i = 0; i < 20; i++) {
      at(i);
      await signInFrom("203.0.113.8");
    }
    at(30);
    const refused = await signInFrom("203.0.113.8", person.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Set-Cookie")).toBeNull();
  });

  it("another address is not affected", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 21; i++) {
      at(i);
      await signInFrom("203.0.113.9");
    }
    const person = await createUser("applicant");
    const elsewhere = await signInFrom("198.51.100.20", person.email, TEST_PASSWORD);
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.headers.get("Location")).toBe("/applications");
  });

  it("once the window has passed, the address may try again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 20; i++) {
      at(i);
      await signInFrom("203.0.113.10");
    }
    at(599);
    expect((await signInFrom("203.0.113.10")).status).toBe(429);
    // 10:10:00 exactly: the first attempt has left the window, so one more is allowed...
    at(600);
    expect((await signInFrom("203.0.113.10")).status).toBe(400);
    // ...and the second leaves a second later.
    expect((await signInFrom("203.0.113.10")).status).toBe(429);
    at(601);
    expect((await signInFrom("203.0.113.10")).status).toBe(400);
  });

  it("refused attempts are not counted, so the wait given is the wait there is", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 20; i++) {
      at(i);
      await signInFrom("203.0.113.11");
    }
    for (let i = 0; i < 50; i++) {
      at(100 + i);
      expect((await signInFrom("203.0.113.11")).status).toBe(429);
    }
    at(600);
    expect((await signInFrom("203.0.113.11")).status).toBe(400);
  });

  it("requests that carry no address share one bucket, so the limit still holds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T08:00:00Z"));
    for (let i = 0; i < 20; i++) expect((await signInFrom(undefined)).status).toBe(400);
    expect((await signInFrom(undefined)).status).toBe(429);
  });

  it("addresses in one IPv6 /64 share a limit", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T08:00:00Z"));
    for (let i = 0; i < 20; i++) await signInFrom(`2001:db8:7:7::${(i + 1).toString(16)}`);
    expect((await signInFrom("2001:db8:7:7:ffff::1")).status).toBe(429);
    expect((await signInFrom("2001:db8:7:8::1")).status).toBe(400);
  });

  it("the limit is a setting, and can be turned off", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T08:00:00Z"));
    process.env.THROTTLE_SIGN_IN = "2/1m";
    expect((await signInFrom("192.0.2.50")).status).toBe(400);
    expect((await signInFrom("192.0.2.50")).status).toBe(400);
    const third = await signInFrom("192.0.2.50");
    expect(third.status).toBe(429);
    expect(third.headers.get("Retry-After")).toBe("60");
    process.env.THROTTLE_SIGN_IN = "off";
    for (let i = 0; i < 5; i++) expect((await signInFrom("192.0.2.50")).status).toBe(400);
  });

  it("old attempts are swept as new ones are counted", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T08:00:00Z"));
    for (let i = 0; i < 5; i++) await signInFrom("192.0.2.60");
    const before = throttleRows();
    vi.setSystemTime(new Date("2026-11-27T08:11:00Z"));
    await signInFrom("192.0.2.60");
    // The bucket's five old rows went as the new one came.
    expect(throttleRows()).toBe(before - 5 + 1);
  });
});

describe("sign-up, through the action", () => {
  const newcomer = (n: number) => ({
    name: "Sam Okafor",
    organisationName: "Dewsbury Street Angels",
    email: `sam${n}@example.org`,
    password: "lantern-harbour-1947",
    confirmPassword: "lantern-harbour-1947",
  });

  it("the 11th sign-up from one address within an hour is refused, and creates no account", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T12:00:00Z"));
    for (let i = 0; i < 10; i++) {
      const response = await call(signupAction, "/signup", { form: newcomer(i), context: from("203.0.113.30") });
      expect(response.status).toBe(302);
    }
    const peopleBefore = getDb().select({ n: count() }).from(users).get()!.n;
    vi.setSystemTime(new Date("2026-11-23T12:30:00Z"));
    const refused = await call(signupAction, "/signup", { form: newcomer(10), context: from("203.0.113.30") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe(String(30 * 60));
    expect(findUserByEmail("sam10@example.org")).toBeUndefined();
    expect(getDb().select({ n: count() }).from(users).get()!.n).toBe(peopleBefore);
    const body = await jsonOf<Failure>(refused);
    expect(body.errors.form).toMatch(/Try again after Monday 23 November 2026 at 1:00pm$/);
    expect(body.values).toEqual({ name: "Sam Okafor", organisationName: "Dewsbury Street Angels", email: "sam10@example.org" });

    // Another address may still sign up.
    const elsewhere = await call(signupAction, "/signup", { form: newcomer(11), context: from("203.0.113.31") });
    expect(elsewhere.status).toBe(302);
  });
});

describe("password reset, through the actions", () => {
  it("the 6th reset request from one address within an hour sends no e-mail", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T14:00:00Z"));
    const person = await createUser("applicant");
    for (let i = 0; i < 5; i++) {
      const response = await call(forgotAction, "/forgot-password", { form: { email: "nobody@example.org" }, context: from("203.0.113.40") });
      expect(response.status).toBe(200);
    }
    const mailBefore = outboxMessages().length;
    const refused = await call(forgotAction, "/forgot-password", { form: { email: person.email }, context: from("203.0.113.40") });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBe(3600);
    expect((await jsonOf<Failure>(refused)).values).toEqual({ email: person.email });
    expect(outboxMessages().length).toBe(mailBefore);
    expect(() => lastLinkTo(person.email, "/reset-password/")).toThrow(/No message/);
  });

  it("choosing a new password is throttled too, and a refused attempt changes nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T15:00:00Z"));
    const person = await createUser("assessor");
    await call(forgotAction, "/forgot-password", { form: { email: person.email }, context: from("203.0.113.50") });
    const token = lastLinkTo(person.email, "/reset-password/").split("/").pop()!;
    for (let i = 0; i < 5; i++) {
      const mismatched = await call(resetAction, `/reset-password/${token}`, { params: { token }, form: { password: "copper-kettle-orchard", confirmPassword: "different-words-here" }, context: from("203.0.113.51") });
      expect(mismatched.status).toBe(400);
    }
    const hashBefore = findUserByEmail(person.email)!.passwordHash;
    const refused = await call(resetAction, `/reset-password/${token}`, { params: { token }, form: { password: "copper-kettle-orchard", confirmPassword: "copper-kettle-orchard" }, context: from("203.0.113.51") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("3600");
    expect((await jsonOf<Failure>(refused)).values).toEqual({});
    expect(findUserByEmail(person.email)!.passwordHash).toBe(hashBefore);
    expect(findUsablePasswordReset(token, new Date())).toBeDefined();
  });
});

// ---- through the real HTTP edge --------------------------------------------------------------

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A form post over a real socket, from the given local address (all of 127/8 is loopback here). */
function postFrom(baseUrl: string, localAddress: string, pathname: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams(form).toString();
  const url = new URL(pathname, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress, headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("through the real HTTP server, counting the socket's address", () => {
  const server = useHttpServer();

  it("the 21st sign-in from one address gets 429, Retry-After and the page with the error summary; another address does not", async () => {
    const form = () => ({ email: someone(), password: "not-the-password" });
    for (let i = 0; i < 20; i++) expect((await postFrom(server.baseUrl, "127.0.0.1", "/login", form())).status).toBe(400);
    const refused = await postFrom(server.baseUrl, "127.0.0.1", "/login", { email: "visitor@example.org", password: "not-the-password" });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.body).toContain("There is a problem");
    expect(refused.body).toContain("There have been too many attempts from your network. Try again after");
    expect(refused.body).toMatch(/<title>Error: Sign in - /);
    expect(refused.body).toContain('value="visitor@example.org"');
    expect(refused.body).not.toContain("not-the-password");

    expect((await postFrom(server.baseUrl, "127.0.0.2", "/login", form())).status).toBe(400);
  });

  it("X-Forwarded-For is not believed unless TRUST_PROXY names the proxy", async () => {
    const form = () => ({ email: someone(), password: "not-the-password" });
    for (let i = 0; i < 20; i++) await postFrom(server.baseUrl, "127.0.0.3", "/login", form(), { "X-Forwarded-For": `198.51.100.${i}` });
    const refused = await postFrom(server.baseUrl, "127.0.0.3", "/login", form(), { "X-Forwarded-For": "198.51.100.200" });
    expect(refused.status).toBe(429);
  });

  it("a throttled sign-up over HTTP creates no account", async () => {
    const form = (n: number) => ({ name: "Priya Sharma", organisationName: "Beeston Youth Forum", email: `priya${n}@example.org`, password: "copper-kettle-orchard", confirmPassword: "copper-kettle-orchard" });
    for (let i = 0; i < 10; i++) expect((await postFrom(server.baseUrl, "127.0.0.4", "/signup", form(i))).status).toBe(302);
    const refused = await postFrom(server.baseUrl, "127.0.0.4", "/signup", form(10));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(3500);
    expect(findUserByEmail("priya10@example.org")).toBeUndefined();
    expect(refused.body).toContain('value="Beeston Youth Forum"');
    expect(refused.body).not.toContain("copper-kettle-orchard");
  });
});

describe("behind a named proxy (TRUST_PROXY=loopback)", () => {
  let proxied: http.Server;
  let baseUrl = "";
  beforeAll(async () => {
    const build = await import(/* @vite-ignore */ pathToFileURL(path.resolve("build/index.js")).href);
    const app = createHttpApp({ build, production: false, trustProxy: "loopback" });
    await new Promise<void>((resolve) => {
      proxied = app.listen(0, "127.0.0.1", () => resolve());
    });
    baseUrl = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxied?.close(resolve));
  });

  it("each client the proxy names is counted on its own", async () => {
    const form = () => ({ email: someone(), password: "not-the-password" });
    for (let i = 0; i < 20; i++) expect((await postFrom(baseUrl, "127.0.0.5", "/login", form(), { "X-Forwarded-For": "198.51.100.77" })).status).toBe(400);
    expect((await postFrom(baseUrl, "127.0.0.5", "/login", form(), { "X-Forwarded-For": "198.51.100.77" })).status).toBe(429);
    expect((await postFrom(baseUrl, "127.0.0.5", "/login", form(), { "X-Forwarded-For": "198.51.100.78" })).status).toBe(400);
  });
});
