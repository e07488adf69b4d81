/**
 * Sessions end after 30 minutes without activity or 12 hours in all; the sign-out warning's status
 * check does not keep a session alive, "Stay signed in" does; and a form sent after the session
 * ended loses nothing: its answers are kept through signing in again and can then be sent.
 * The clock is moved with vitest's fake Date (the server reads time through utils/clock.server).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { reportingTags, sessions } from "#db/schema";
import { loader as rootLoader } from "~/root";
import { loader as accountLoader, action as accountAction } from "~/routes/account";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as profileAction } from "~/routes/organisations.$organisationId.profile";
import { loader as statusLoader } from "~/routes/session.status";
import { action as keepAliveAction } from "~/routes/session.keep-alive";
import { action as resumeAction, loader as resumeLoader } from "~/routes/session.resume";
import { action as twoFactorAction } from "~/routes/login_.two-factor";
import { action as tagsAction } from "~/routes/manage.tags";
import { getOrganisationProfile } from "~/models/organisation-profile.server";
import { hashToken } from "~/utils/tokens.server";
import { nextCodeFor, signedIn, TEST_PASSWORD } from "../factories/accounts";
import { VALID_PROFILE } from "../factories/bids";
import { useHttpServer } from "../setup/http";
import { call, jsonOf, sessionCookieFrom } from "../setup/remix";

const T0 = new Date("2026-11-23T09:00:00Z");
const MINUTE = 60_000;
/** Moves the clock to `minutes` after T0. */
const at = (minutes: number) => vi.setSystemTime(new Date(T0.getTime() + minutes * MINUTE));

type Timing = { signedIn: boolean; endsInMs: number; reason: "idle" | "absolute"; idleMinutes: number; maxHours: number };
type Kept = { kept: { to: string; fields: [string, string][]; keptUntil: string } | null };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at(0);
});

afterEach(() => {
  vi.useRealTimers();
});

const account = (cookie: string) => call(accountLoader, "/account", { cookie });

/** The name=value pairs a response asks the browser to keep (removals left out). */
function cookiesSet(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .filter((c) => !/max-age=0/i.test(c))
    .map((c) => c.split(";")[0]);
}

function cookiesRemoved(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .filter((c) => /max-age=0/i.test(c))
    .map((c) => c.split("=")[0]);
}

describe("how long a session lasts", () => {
  it("29 minutes without activity: still signed in", async () => {
    const { cookie } = await signedIn("applicant");
    at(29);
    expect((await account(cookie)).status).toBe(200);
  });

  it("31 minutes without activity: signed out, and sent to sign in", async () => {
    const { cookie } = await signedIn("applicant");
    at(31);
    const response = await account(cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    // Ended for good: coming back sooner would not bring it back.
    expect((await account(cookie)).status).toBe(302);
  });

  it("activity starts the 30 minutes again", async () => {
    const { cookie } = await signedIn("applicant");
    at(20);
    expect((await account(cookie)).status).toBe(200);
    at(45);
    expect((await account(cookie)).status).toBe(200);
    at(74);
    expect((await account(cookie)).status).toBe(200);
    at(104.5);
    expect((await account(cookie)).status).toBe(302);
  });

  it("12 hours in all, however active the person is", async () => {
    const { cookie } = await signedIn("applicant");
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      at(minute);
      expect((await account(cookie)).status, `at ${minute} minutes`).toBe(200);
    }
    at(12 * 60 - 1);
    expect((await account(cookie)).status).toBe(200);
    at(12 * 60);
    expect((await account(cookie)).status).toBe(302);
  });
});

describe("the sign-out warning's status check", () => {
  it("says how long is left without keeping the session alive", async () => {
    const { cookie } = await signedIn("applicant");
    at(20);
    const first = await jsonOf<Timing>(await call(statusLoader, "/session/status", { cookie }));
    expect(first).toEqual({ signedIn: true, endsInMs: 10 * MINUTE, reason: "idle", idleMinutes: 30, maxHours: 12 });
    at(26);
    const second = await call(statusLoader, "/session/status", { cookie });
    expect(second.headers.get("Cache-Control")).toBe("no-store");
    expect((await jsonOf<Timing>(second)).endsInMs).toBe(4 * MINUTE);
    at(30);
    expect(await jsonOf(await call(statusLoader, "/session/status", { cookie }))).toEqual({ signedIn: false });
    expect((await account(cookie)).status).toBe(302);
  });

  it("says when the 12-hour limit is what will end the session", async () => {
    const { cookie } = await signedIn("applicant");
    for (let minute = 25; minute <= 11 * 60 + 50; minute += 25) {
      at(minute);
      await account(cookie);
    }
    at(11 * 60 + 52);
    const timing = await jsonOf<Timing>(await call(statusLoader, "/session/status", { cookie }));
    expect(timing.reason).toBe("absolute");
    expect(timing.endsInMs).toBe(8 * MINUTE);
  });

  it("every page tells the browser how long is left, and nothing to someone signed out", async () => {
    const { cookie } = await signedIn("applicant");
    at(10);
    const page = await jsonOf<{ session: Timing; user: unknown }>(await call(rootLoader, "/account", { cookie }));
    // Loading the page is itself activity, so the full 30 minutes are left.
    expect(page.session).toEqual({ endsInMs: 30 * MINUTE, reason: "idle", idleMinutes: 30, maxHours: 12 });
    const anonymous = await jsonOf<{ session?: Timing }>(await call(rootLoader, "/"));
    expect(anonymous.session).toBeUndefined();
  });
});

describe("Stay signed in", () => {
  it("counts as activity and answers how long the session now has", async () => {
    const { cookie } = await signedIn("applicant");
    at(26);
    const response = await call(keepAliveAction, "/session/keep-alive", { cookie, form: {} });
    expect(response.status).toBe(200);
    expect(await jsonOf<Timing>(response)).toEqual({ signedIn: true, endsInMs: 30 * MINUTE, reason: "idle", idleMinutes: 30, maxHours: 12 });
    at(50);
    expect((await account(cookie)).status).toBe(200);
  });

  it("cannot go past the 12-hour limit", async () => {
    const { cookie } = await signedIn("applicant");
    for (let minute = 25; minute <= 11 * 60 + 50; minute += 25) {
      at(minute);
      await account(cookie);
    }
    at(11 * 60 + 57);
    const timing = await jsonOf<Timing>(await call(keepAliveAction, "/session/keep-alive", { cookie, form: {} }));
    expect(timing).toMatchObject({ reason: "absolute", endsInMs: 3 * MINUTE });
  });

  it("is refused to someone not signed in, and to a session that has already ended", async () => {
    const anonymous = await call(keepAliveAction, "/session/keep-alive", { form: {} });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
    const { cookie } = await signedIn("applicant");
    at(31);
    const ended = await call(keepAliveAction, "/session/keep-alive", { cookie, form: {} });
    expect(ended.status).toBe(302);
    expect(ended.headers.get("Location")).toMatch(/^\/login\?/);
    expect((await account(cookie)).status).toBe(302);
  });
});

describe("over HTTP", () => {
  const server = useHttpServer();

  beforeEach(() => {
    // The real server and its sockets need the real clock.
    vi.useRealTimers();
  });

  function lastSeen(token: string): Date {
    return getDb().select().from(sessions).where(eq(sessions.idHash, hashToken(token))).get()!.lastSeenAt;
  }

  /** A session last active 20 minutes ago, with the cookie name the production build reads. */
  async function quietSession() {
    const person = await signedIn("applicant");
    const twentyMinutesAgo = new Date(Date.now() - 20 * MINUTE);
    getDb().update(sessions).set({ lastSeenAt: twentyMinutesAgo }).where(eq(sessions.idHash, hashToken(person.token))).run();
    return { ...person, cookie: person.cookie.replace(/^portal_session=/, "__Host-portal_session="), twentyMinutesAgo };
  }

  const asForm = { "Content-Type": "application/x-www-form-urlencoded" };

  it("is POST only: a GET (or any other method) changes nothing", async () => {
    const { cookie, token, twentyMinutesAgo } = await quietSession();
    // Remix answers a GET to a route with no loader 400; other methods are refused 405 (by the
    // HTTP edge, and by the route itself should one get past it).
    const get = await fetch(`${server.baseUrl}/session/keep-alive`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(get.status).toBe(400);
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const response = await fetch(`${server.baseUrl}/session/keep-alive`, { method, headers: { Cookie: cookie, ...asForm }, body: "", redirect: "manual" });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("Allow")).not.toContain(method);
    }
    expect(lastSeen(token)).toEqual(twentyMinutesAgo);
  });

  it("is refused from another site, and the session is not extended", async () => {
    const { cookie, token, twentyMinutesAgo } = await quietSession();
    const crossSite: Record<string, string>[] = [{ Origin: "http://evil.example" }, { "Sec-Fetch-Site": "cross-site" }];
    for (const headers of crossSite) {
      const response = await fetch(`${server.baseUrl}/session/keep-alive`, { method: "POST", headers: { Cookie: cookie, ...asForm, ...headers }, body: "", redirect: "manual" });
      expect(response.status).toBe(403);
    }
    expect(lastSeen(token)).toEqual(twentyMinutesAgo);
  });

  it("from this site, extends the session", async () => {
    const { cookie, token, twentyMinutesAgo } = await quietSession();
    const response = await fetch(`${server.baseUrl}/session/keep-alive`, {
      method: "POST",
      headers: { Cookie: cookie, ...asForm, Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" },
      body: "",
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Timing).endsInMs).toBeGreaterThan(29 * MINUTE);
    expect(lastSeen(token).getTime()).toBeGreaterThan(twentyMinutesAgo.getTime());
  });

  it("answers too long to keep are shown on the page to copy, with no stack trace and nothing saved", async () => {
    const { cookie, user, token } = await quietSession();
    getDb().update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * MINUTE) }).where(eq(sessions.idHash, hashToken(token))).run();
    const long = Array.from({ length: 4000 }, () => Math.random().toString(36).slice(2, 8)).join(" ");
    const response = await fetch(`${server.baseUrl}/organisations/${user.organisationId}/profile`, {
      method: "POST",
      headers: { Cookie: cookie, ...asForm },
      body: new URLSearchParams({ ...VALID_PROFILE, addressLine1: long, password: "never-shown" }),
      redirect: "manual",
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toContain("<title>You have been signed out - ");
    expect(html).toContain("They are too long for us to keep while you sign in again");
    expect(html).toContain(long);
    expect(html).toContain("Calder Valley Youth Boxing Club");
    expect(html).not.toContain("never-shown");
    expect(getOrganisationProfile(user.organisationId!)).toBeUndefined();
  });

  it("the status check over HTTP does not extend it", async () => {
    const { cookie, token, twentyMinutesAgo } = await quietSession();
    const response = await fetch(`${server.baseUrl}/session/status`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const timing = (await response.json()) as Timing;
    expect(timing.signedIn).toBe(true);
    expect(timing.endsInMs).toBeLessThanOrEqual(10 * MINUTE);
    expect(lastSeen(token)).toEqual(twentyMinutesAgo);
  });
});

describe("a form sent after the session ended", () => {
  const typed = { ...VALID_PROFILE, name: "Holbeck Community Boxing", contactName: "Ravi Patel", addressLine2: "Unit 4\nHolbeck Mills" };

  async function timedOutPost() {
    const applicant = await signedIn("applicant");
    const profileUrl = `/organisations/${applicant.user.organisationId}/profile?bid=7`;
    const params = { organisationId: String(applicant.user.organisationId) };
    at(31);
    const refused = await call(profileAction, profileUrl, { cookie: applicant.cookie, params, form: typed });
    return { applicant, profileUrl, params, refused };
  }

  it("keeps what was typed through signing in again, then it can be checked and sent", async () => {
    const { applicant, profileUrl, params, refused } = await timedOutPost();
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe("/login?redirectTo=%2Fsession%2Fresume");
    // Nothing was saved.
    expect(getOrganisationProfile(applicant.user.organisationId!)).toBeUndefined();
    const kept = cookiesSet(refused);
    expect(kept.length).toBeGreaterThan(0);
    // Sealed: neither readable nor recognisable on the way.
    expect(kept.join(";")).not.toContain("Holbeck");
    expect(kept.join(";")).not.toContain("Ravi");

    // The sign-in page says the answers were kept.
    expect((await jsonOf<{ keptAnswers: boolean }>(await call(rootLoader, "/login", { cookie: kept.join("; ") }))).keptAnswers).toBe(true);
    expect((await jsonOf<{ redirectTo: string }>(await call(loginLoader, "/login?redirectTo=%2Fsession%2Fresume"))).redirectTo).toBe("/session/resume");

    at(33);
    const signIn = await call(loginAction, "/login", { cookie: kept.join("; "), form: { email: applicant.user.email, password: TEST_PASSWORD, redirectTo: "/session/resume" } });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe("/session/resume");
    const session = sessionCookieFrom(signIn)!;
    const cookie = [session, ...kept].join("; ");

    const page = await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie }));
    expect(page.kept!.to).toBe(profileUrl);
    expect(Object.fromEntries(page.kept!.fields)).toEqual(typed);
    expect(page.kept!.keptUntil).toBe("Monday 23 November 2026 at 10:31am");

    // "Send these answers": the kept copy is forgotten and the browser is told to post the same
    // form (307 keeps method and body) to the page it was meant for.
    const send = await call(resumeAction, "/session/resume", { cookie, form: Object.fromEntries(page.kept!.fields) });
    expect(send.status).toBe(307);
    const location = send.headers.get("Location")!;
    expect(location).toBe(`${profileUrl}&index`);
    expect(cookiesRemoved(send)).toEqual(["portal_kept_0", "portal_kept_1", "portal_kept_2"]);

    // The browser's repeated post, to the page's own action with all its checks.
    const saved = await call(profileAction, location, { cookie: session, params, form: Object.fromEntries(page.kept!.fields) });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/applications/7");
    const profile = getOrganisationProfile(applicant.user.organisationId!)!;
    expect(profile.contactName).toBe("Ravi Patel");
    expect(profile.addressLine2).toBe("Unit 4\nHolbeck Mills");

    // Once sent, nothing is waiting.
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: session }))).kept).toBeNull();
  });

  it("are shown only to the person whose session ended, not to someone else signing in on the same computer", async () => {
    const { refused } = await timedOutPost();
    const kept = cookiesSet(refused);
    const neighbour = await signedIn("applicant", { organisationName: "Another group using the library computer" });
    const signIn = await call(loginAction, "/login", { cookie: kept.join("; "), form: { email: neighbour.user.email, password: TEST_PASSWORD, redirectTo: "/session/resume" } });
    const cookie = [sessionCookieFrom(signIn)!, ...kept].join("; ");
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie }))).kept).toBeNull();
    expect((await jsonOf<{ keptAnswers: boolean }>(await call(rootLoader, "/applications", { cookie }))).keptAnswers).toBe(false);
    const send = await call(resumeAction, "/session/resume", { cookie, form: {} });
    expect(send.headers.get("Location")).toBe("/session/resume");
  });

  it("are not kept when the browser had no session at all (nobody to keep them for)", async () => {
    const applicant = await signedIn("applicant");
    const refused = await call(profileAction, `/organisations/${applicant.user.organisationId}/profile`, { params: { organisationId: String(applicant.user.organisationId) }, form: typed });
    expect(refused.status).toBe(302);
    expect(cookiesSet(refused)).toEqual([]);
  });

  it("survive the two-factor code step of a member of staff signing in again", async () => {
    const officer = await signedIn("grants_officer");
    at(31);
    const refused = await call(tagsAction, "/manage/tags", { cookie: officer.cookie, form: { intent: "add", name: "Rural Crime" } });
    expect(refused.headers.get("Location")).toBe("/login?redirectTo=%2Fsession%2Fresume");
    const kept = cookiesSet(refused);

    const password = await call(loginAction, "/login", { cookie: kept.join("; "), form: { email: officer.user.email, password: TEST_PASSWORD, redirectTo: "/session/resume" } });
    expect(password.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fsession%2Fresume");
    const session = sessionCookieFrom(password)!;
    const cookie = [session, ...kept].join("; ");
    const code = await call(twoFactorAction, "/login/two-factor", { cookie, form: { code: nextCodeFor(officer.totpSecret!), redirectTo: "/session/resume" } });
    expect(code.headers.get("Location")).toBe("/session/resume");
    // Passing the second factor may give the session a new id; the kept answers do not depend on it.
    const fullSession = sessionCookieFrom(code) ?? session;
    const signedInCookie = [fullSession, ...kept].join("; ");

    const page = await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: signedInCookie }));
    expect(page.kept!.fields).toEqual([["intent", "add"], ["name", "Rural Crime"]]);
    const send = await call(resumeAction, "/session/resume", { cookie: signedInCookie, form: { intent: "add", name: "Rural Crime" } });
    expect(send.headers.get("Location")).toBe("/manage/tags?index");
    await call(tagsAction, send.headers.get("Location")!, { cookie: fullSession, form: { intent: "add", name: "Rural Crime" } });
    expect(getDb().select().from(reportingTags).where(eq(reportingTags.name, "Rural Crime")).get()).toBeDefined();
  });

  it("can be discarded instead of sent", async () => {
    const { applicant, profileUrl, refused } = await timedOutPost();
    const kept = cookiesSet(refused);
    const session = sessionCookieFrom(await call(loginAction, "/login", { cookie: kept.join("; "), form: { email: applicant.user.email, password: TEST_PASSWORD } }))!;
    const discard = await call(resumeAction, "/session/resume?discard", { cookie: [session, ...kept].join("; "), form: {} });
    expect(discard.status).toBe(303);
    expect(discard.headers.get("Location")).toBe(profileUrl);
    expect(cookiesRemoved(discard)).toHaveLength(3);
    expect(getOrganisationProfile(applicant.user.organisationId!)).toBeUndefined();
  });

  it("never keeps a password", async () => {
    const { cookie, user } = await signedIn("applicant");
    at(31);
    const onlyPasswords = await call(accountAction, "/account", { cookie, form: { currentPassword: TEST_PASSWORD, password: "quiet-meadow-lighthouse", confirmPassword: "quiet-meadow-lighthouse" } });
    // Nothing but passwords: nothing to keep, so just sign in again.
    expect(onlyPasswords.status).toBe(302);
    expect(onlyPasswords.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    expect(cookiesSet(onlyPasswords)).toEqual([]);

    const profileUrl = `/organisations/${user.organisationId}/profile`;
    const mixed = await call(profileAction, profileUrl, { cookie, params: { organisationId: String(user.organisationId) }, form: { ...typed, password: "should-not-travel", resetToken: "abc" } });
    const session = sessionCookieFrom(await call(loginAction, "/login", { form: { email: user.email, password: TEST_PASSWORD } }))!;
    const page = await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session, ...cookiesSet(mixed)].join("; ") }));
    expect(page.kept!.fields.map(([name]) => name)).not.toContain("password");
    expect(page.kept!.fields.map(([name]) => name)).not.toContain("resetToken");
    expect(Object.fromEntries(page.kept!.fields)).toEqual(typed);
  });

  it("are gone after an hour, and cannot be forged or altered", async () => {
    const { applicant, refused } = await timedOutPost();
    const kept = cookiesSet(refused);
    at(80);
    const session = sessionCookieFrom(await call(loginAction, "/login", { form: { email: applicant.user.email, password: TEST_PASSWORD } }))!;
    const altered = kept.map((c, i) => (i === 0 ? `${c.slice(0, -4)}${c.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}` : c));
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session, ...altered].join("; ") }))).kept).toBeNull();
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session, "portal_kept_0=bm90LXNlYWxlZA"].join("; ") }))).kept).toBeNull();
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session, ...kept].join("; ") }))).kept).not.toBeNull();
    at(31 + 60);
    const session2 = sessionCookieFrom(await call(loginAction, "/login", { form: { email: applicant.user.email, password: TEST_PASSWORD } }))!;
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session2, ...kept].join("; ") }))).kept).toBeNull();
  });

  it("answers too long to keep are shown straight away, to copy", async () => {
    const applicant = await signedIn("applicant");
    at(31);
    // Random text does not compress: far more than the cookies can hold.
    const long = Array.from({ length: 4000 }, () => Math.random().toString(36).slice(2, 8)).join(" ");
    const refused = await call(profileAction, `/organisations/${applicant.user.organisationId}/profile`, {
      cookie: applicant.cookie,
      params: { organisationId: String(applicant.user.organisationId) },
      form: { ...typed, addressLine1: long },
    });
    expect(refused.status).toBe(401);
    expect(cookiesSet(refused)).toEqual([]);
    const body = await jsonOf<{ answersNotKept: { fields: [string, string][] } }>(refused);
    expect(Object.fromEntries(body.answersNotKept.fields).addressLine1).toBe(long);
  });

  it("a visitor who was never signed in and sends nothing is simply asked to sign in", async () => {
    const response = await call(profileAction, "/organisations/1/profile", { params: { organisationId: "1" }, form: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Forganisations%2F1%2Fprofile");
  });

  it("signed out again on the checking page, the kept copy stays as it was", async () => {
    const { applicant, refused } = await timedOutPost();
    const kept = cookiesSet(refused);
    const response = await call(resumeAction, "/session/resume", { cookie: kept.join("; "), form: { name: "x" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsession%2Fresume");
    expect(response.headers.getSetCookie()).toEqual([]);
    const session = sessionCookieFrom(await call(loginAction, "/login", { form: { email: applicant.user.email, password: TEST_PASSWORD } }))!;
    expect((await jsonOf<Kept>(await call(resumeLoader, "/session/resume", { cookie: [session, ...kept].join("; ") }))).kept!.fields).toEqual(Object.entries(typed));
  });
});
