/**
 * Staff two-factor sign-in, through the real loaders and actions: staff set up an authenticator
 * before they see any bid or money, a session waits for its code before it reaches anything,
 * codes cannot be replayed or guessed for long, recovery codes work once, secrets are encrypted at
 * rest, an admin can reset a lost authenticator, and applicants may opt in and out.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client";
import { recoveryCodes, sessions, users } from "#db/schema";
import { loader as rootLoader } from "~/root";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as codeAction, loader as codeLoader } from "~/routes/login_.two-factor";
import { action as setUpAction, loader as setUpLoader } from "~/routes/account_.two-factor._index";
import { action as newCodesAction, loader as newCodesLoader } from "~/routes/account_.two-factor.recovery-codes";
import { action as turnOffAction, loader as turnOffLoader } from "~/routes/account_.two-factor.turn-off";
import { action as resetAction, loader as resetLoader } from "~/routes/admin.staff.$userId.two-factor";
import { loader as staffLoader } from "~/routes/admin.staff._index";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetPasswordAction } from "~/routes/reset-password.$token";
import { loader as officerLoader } from "~/routes/officer._index";
import { loader as officerBidLoader } from "~/routes/officer.bids.$bidId._index";
import { loader as financeLoader } from "~/routes/finance._index";
import { loader as applicationsLoader } from "~/routes/applications._index";
import { REPLAYED_CODE, SIX_DIGITS, WRONG_CODE, WRONG_PASSWORD, CODE_OR_RECOVERY_FORMAT } from "~/domain/accounts/two-factor";
import { totpCode } from "~/domain/accounts/totp";
import { listAuditEvents } from "~/models/audit.server";
import { countSessionsForUser } from "~/models/session.server";
import { findUserById } from "~/models/user.server";
import { decryptTotpSecret, sealSetUp } from "~/utils/totp-crypto.server";
import { call, jsonOf, sessionCookieFrom } from "../setup/remix";
import { lastLinkTo } from "../setup/outbox";
import { createUser, halfSignedInCookie, sessionCookieFor, signedIn, TEST_PASSWORD, withAuthenticator } from "../factories/accounts";
import { closeRound, submittedBids } from "../factories/assessment";

type Failure = { errors: Record<string, string>; values: Record<string, string> };
type SetUpPage = { mustUse: boolean; confirmedAt: string | null; recoveryCodesLeft: number; setUp: { token: string; uri: string; groupedSecret: string; svg: string; accountName: string } | null };

const T0 = new Date("2026-11-23T10:00:00Z");
let clock = T0.getTime();

// These tests sign in far more often than one address may in ten minutes; the per-address limit has
// its own tests, and the per-person wrong-code lock-out is tested here.
const throttleSetting = process.env.THROTTLE_SIGN_IN;
beforeAll(() => {
  process.env.THROTTLE_SIGN_IN = "off";
});
afterAll(() => {
  if (throttleSetting === undefined) delete process.env.THROTTLE_SIGN_IN;
  else process.env.THROTTLE_SIGN_IN = throttleSetting;
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  clock = T0.getTime();
  vi.setSystemTime(clock);
});
afterEach(() => vi.useRealTimers());

/** Moves the clock on (codes change every 30 seconds; a step once used cannot be used again). */
function wait(seconds: number) {
  clock += seconds * 1000;
  vi.setSystemTime(clock);
}

async function signInWithPassword(email: string, redirectTo?: string) {
  const response = await call(loginAction, "/login", { form: { email, password: TEST_PASSWORD, ...(redirectTo ? { redirectTo } : {}) } });
  return { response, location: response.headers.get("Location"), cookie: sessionCookieFrom(response)! };
}

function enterCode(cookie: string, code: string, redirectTo = "") {
  return call(codeAction, "/login/two-factor", { cookie, form: { code, redirectTo } });
}

async function setUpPage(cookie: string, url = "/account/two-factor") {
  return jsonOf<SetUpPage>(await call(setUpLoader, url, { cookie }));
}

const secretOf = (page: SetUpPage) => page.setUp!.groupedSecret.replace(/ /g, "");
const sessionRow = (userId: number) => getDb().select().from(sessions).where(eq(sessions.userId, userId)).all();
const actionsFor = (userId: number) => listAuditEvents({ subjectType: "user", subjectId: String(userId), limit: 1000 }).map((e) => e.action);

/** A member of staff signed in with their password only, as a newly invited one is. */
async function newStaff(role: "assessor" | "grants_officer" | "finance" | "admin") {
  const user = await createUser(role);
  return { user, cookie: (await signInWithPassword(user.email)).cookie };
}

describe("staff cannot see any bid or money before setting up two-factor authentication", () => {
  it("a grants officer without an authenticator is sent from a bid page, the dashboard and their account to the set-up page", async () => {
    const { bids } = await submittedBids(1);
    const { user, cookie } = await newStaff("grants_officer");
    expect(findUserById(user.id)!.totpConfirmedAt).toBeNull();
    const bidPage = await call(officerBidLoader, `/officer/bids/${bids[0].bidId}`, { cookie, params: { bidId: String(bids[0].bidId) } });
    expect(bidPage.status).toBe(302);
    expect(bidPage.headers.get("Location")).toBe(`/account/two-factor?redirectTo=${encodeURIComponent(`/officer/bids/${bids[0].bidId}`)}`);
    for (const [loader, url] of [
      [officerLoader, "/officer"],
      [accountLoader, "/account"],
    ] as const) {
      const response = await call(loader, url, { cookie });
      expect(response.headers.get("Location")).toBe(`/account/two-factor?redirectTo=${encodeURIComponent(url)}`);
    }
    // Still counted as signed in, so the page can offer "Sign out".
    expect((await jsonOf<{ user?: { name: string } }>(await call(rootLoader, "/", { cookie }))).user?.name).toBe(user.name);
  });

  it("finance without an authenticator cannot open the finance dashboard", async () => {
    const { cookie } = await newStaff("finance");
    const response = await call(financeLoader, "/finance", { cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account/two-factor?redirectTo=%2Ffinance");
  });

  it("once set up, the same session opens the bid page and the code it used cannot sign in again", async () => {
    const { bids, roundId } = await submittedBids(1);
    closeRound(roundId);
    const { user, cookie } = await newStaff("grants_officer");
    const page = await setUpPage(cookie, "/account/two-factor?redirectTo=%2Fofficer");
    expect(page.mustUse).toBe(true);
    expect(page.setUp!.accountName).toBe(user.email);
    expect(page.setUp!.svg).toMatch(/^<svg [^>]*viewBox/);
    const uri = new URL(page.setUp!.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secretOf(page));
    expect(Object.fromEntries([...uri.searchParams].filter(([k]) => k !== "secret"))).toEqual({ issuer: "Community safety grants", algorithm: "SHA1", digits: "6", period: "30" });
    // Showing the QR code stores nothing.
    expect(findUserById(user.id)!.totpSecret).toBeNull();

    const code = totpCode(secretOf(page), new Date());
    const confirmed = await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: page.setUp!.token, code } });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes: shown } = await jsonOf<{ recoveryCodes: string[] }>(confirmed);
    expect(shown).toHaveLength(10);
    expect(new Set(shown).size).toBe(10);
    for (const c of shown) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){5}$/);

    // The same session carries on (its recovery codes are shown in the answer to this very POST).
    const bidPage = await call(officerBidLoader, `/officer/bids/${bids[0].bidId}`, { cookie, params: { bidId: String(bids[0].bidId) } });
    expect(bidPage.status).toBe(200);
    expect(actionsFor(user.id)).toContain("account.two_factor_set_up");

    // The set-up code (this 30-second step) is spent: a new sign-in must wait for the next one.
    const again = await signInWithPassword(user.email);
    const replayed = await enterCode(again.cookie, code);
    expect(replayed.status).toBe(400);
    expect((await jsonOf<Failure>(replayed)).errors).toEqual({ code: REPLAYED_CODE });
  });

  it("a wrong or badly typed set-up code is refused with a GOV.UK message, showing the same QR code again", async () => {
    const { user, cookie } = await newStaff("assessor");
    const page = await setUpPage(cookie);
    const wrongCode = String((Number(totpCode(secretOf(page), new Date())) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: page.setUp!.token, code: wrongCode } });
    expect(wrong.status).toBe(400);
    const body = await jsonOf<Failure & SetUpPage>(wrong);
    expect(body.errors).toEqual({ code: WRONG_CODE });
    expect(body.setUp!.token).toBe(page.setUp!.token);
    expect(body.setUp!.groupedSecret).toBe(page.setUp!.groupedSecret);
    const short = await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: page.setUp!.token, code: "12345" } });
    expect((await jsonOf<Failure>(short)).errors).toEqual({ code: SIX_DIGITS });
    expect(findUserById(user.id)!.totpConfirmedAt).toBeNull();
  });

  it("a set-up form sealed for someone else, altered, or older than 30 minutes is refused", async () => {
    const { cookie } = await newStaff("assessor");
    const other = await newStaff("assessor");
    const theirs = await setUpPage(other.cookie);
    const code = totpCode(secretOf(theirs), new Date());
    const stolen = await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: theirs.setUp!.token, code } });
    expect(stolen.status).toBe(400);
    expect((await jsonOf<Failure>(stolen)).errors.code).toMatch(/^This QR code has expired/);

    const mine = await setUpPage(cookie);
    const flipped = mine.setUp!.token.slice(0, 20) + (mine.setUp!.token[20] === "A" ? "B" : "A") + mine.setUp!.token.slice(21);
    const altered = await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: flipped, code: totpCode(secretOf(mine), new Date()) } });
    expect((await jsonOf<Failure>(altered)).errors.code).toMatch(/^This QR code has expired/);

    // Half an hour later (a new session, as the old one has timed out) the form is stale.
    wait(30 * 60 + 1);
    const late = await call(setUpAction, "/account/two-factor", { cookie: await sessionCookieFor(other.user.id), form: { setUpToken: theirs.setUp!.token, code: totpCode(secretOf(theirs), new Date()) } });
    expect(late.status).toBe(400);
    expect((await jsonOf<Failure>(late)).errors.code).toMatch(/^This QR code has expired/);
    expect(findUserById(other.user.id)!.totpConfirmedAt).toBeNull();
  });
});

describe("signing in with an authenticator", () => {
  async function officerWithAuthenticator() {
    const user = await createUser("grants_officer");
    const { totpSecret, recoveryCodes: codes } = withAuthenticator(user.id);
    wait(30);
    return { user, secret: totpSecret, codes };
  }

  it("after the password the session reaches nothing but the code page; a right code finishes signing in", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const { location, cookie } = await signInWithPassword(user.email);
    expect(location).toBe("/login/two-factor?redirectTo=%2Fofficer");

    for (const [loader, url] of [
      [officerLoader, "/officer"],
      [financeLoader, "/finance"],
      [accountLoader, "/account"],
      [setUpLoader, "/account/two-factor"],
      [newCodesLoader, "/account/two-factor/recovery-codes"],
    ] as const) {
      const response = await call(loader, url, { cookie });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login/two-factor?redirectTo=${encodeURIComponent(url)}`);
    }
    // Treated as signed out everywhere else: no name in the header, the sign-in page still offered.
    expect((await jsonOf<{ user?: unknown }>(await call(rootLoader, "/", { cookie }))).user).toBeUndefined();
    expect((await call(loginLoader, "/login", { cookie })).status).toBe(200);

    expect((await call(codeLoader, "/login/two-factor?redirectTo=%2Fofficer", { cookie })).status).toBe(200);
    const passed = await enterCode(cookie, totpCode(secret, new Date()), "/officer");
    expect(passed.status).toBe(302);
    expect(passed.headers.get("Location")).toBe("/officer");
    expect(sessionRow(user.id)[0].secondFactorAt).toEqual(new Date(clock));
    // Passing the code gives the session a new token (ASVS 7.2.4): the half-signed-in one is spent.
    const full = sessionCookieFrom(passed)!;
    expect(full).not.toBe(cookie);
    expect(sessionRow(user.id)).toHaveLength(1);
    expect((await call(officerLoader, "/officer", { cookie })).headers.get("Location")).toMatch(/^\/login\?/);
    expect((await call(officerLoader, "/officer", { cookie: full })).status).toBe(200);
    expect(actionsFor(user.id)).toContain("account.second_factor_passed");
    // Done: the code page now sends the person on.
    expect((await call(codeLoader, "/login/two-factor", { cookie: full })).headers.get("Location")).toBe("/officer");
  });

  it("keeps where the person was going through both steps", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const { location, cookie } = await signInWithPassword(user.email, "/officer/awards");
    expect(location).toBe("/login/two-factor?redirectTo=%2Fofficer%2Fawards");
    const passed = await enterCode(cookie, totpCode(secret, new Date()), "//evil.example");
    expect(passed.headers.get("Location")).toBe("/officer");
    const { cookie: second } = await signInWithPassword(user.email, "/officer/awards");
    wait(30);
    expect((await enterCode(second, totpCode(secret, new Date()), "/officer/awards")).headers.get("Location")).toBe("/officer/awards");
  });

  it("a wrong code is refused with a GOV.UK message and does not sign in; so is something that is not a code", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const { cookie } = await signInWithPassword(user.email);
    const right = totpCode(secret, new Date());
    const wrong = await enterCode(cookie, right === "000000" ? "000001" : "000000");
    expect(wrong.status).toBe(400);
    const body = await jsonOf<Failure>(wrong);
    expect(body.errors).toEqual({ code: WRONG_CODE });
    expect(body.values).toEqual({});
    const nonsense = await enterCode(cookie, "<script>");
    expect((await jsonOf<Failure>(nonsense)).errors).toEqual({ code: CODE_OR_RECOVERY_FORMAT });
    const empty = await enterCode(cookie, "");
    expect((await jsonOf<Failure>(empty)).errors.code).toBe("Enter the 6-digit code from your authenticator app");
    expect((await call(officerLoader, "/officer", { cookie })).status).toBe(302);
    expect(actionsFor(user.id).filter((a) => a === "account.second_factor_failed")).toHaveLength(1);
  });

  it("accepts the code of the step before or after (clock drift), not two steps away, and never the same step twice", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const a = await signInWithPassword(user.email);
    expect((await enterCode(a.cookie, totpCode(secret, new Date(clock - 30_000)))).status).toBe(302);
    wait(30);
    const b = await signInWithPassword(user.email);
    expect((await enterCode(b.cookie, totpCode(secret, new Date(clock - 60_000)))).status).toBe(400);
    expect((await enterCode(b.cookie, totpCode(secret, new Date(clock + 60_000)))).status).toBe(400);
    expect((await enterCode(b.cookie, totpCode(secret, new Date(clock + 30_000)))).status).toBe(302);
    // The step after now is spent, so now's code (an earlier step) is a replay too.
    const c = await signInWithPassword(user.email);
    const replay = await enterCode(c.cookie, totpCode(secret, new Date()));
    expect((await jsonOf<Failure>(replay)).errors).toEqual({ code: REPLAYED_CODE });
  });

  it("two requests with the same code: only one of them signs in", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const [a, b] = [await signInWithPassword(user.email), await signInWithPassword(user.email)];
    // The second sign-in ended the first browser's session; use two browsers' worth of sessions.
    const first = await halfSignedInCookie(user.id);
    const code = totpCode(secret, new Date());
    const answers = await Promise.all([enterCode(first.cookie, code), enterCode(b.cookie, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(a.cookie).not.toBe(b.cookie);
  });

  it("a recovery code works once, however it is typed, and says how many are left", async () => {
    const { user, codes } = await officerWithAuthenticator();
    const { cookie } = await signInWithPassword(user.email);
    const typed = ` ${codes[3].toUpperCase().replace(/-/g, " ")} `;
    const used = await enterCode(cookie, typed, "/officer");
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/account/two-factor?recoveryUsed=9&redirectTo=%2Fofficer");
    const full = sessionCookieFrom(used)!;
    expect((await call(officerLoader, "/officer", { cookie: full })).status).toBe(200);
    const page = await setUpPage(full, "/account/two-factor?recoveryUsed=9");
    expect(page.recoveryCodesLeft).toBe(9);
    expect(actionsFor(user.id)).toContain("account.recovery_code_used");

    const again = await signInWithPassword(user.email);
    const reused = await enterCode(again.cookie, codes[3]);
    expect(reused.status).toBe(400);
    expect((await jsonOf<Failure>(reused)).errors).toEqual({ code: WRONG_CODE });
    expect((await enterCode(again.cookie, codes[4])).status).toBe(302);
  });

  it("recovery codes are kept only as hashes", async () => {
    const { user, codes } = await officerWithAuthenticator();
    const stored = getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all();
    expect(stored).toHaveLength(10);
    const everything = JSON.stringify(stored);
    for (const code of codes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace(/-/g, ""));
    }
  });

  it("5 wrong codes end the half-signed-in session; codes are refused for 15 minutes, even after signing in again", async () => {
    const { user, secret } = await officerWithAuthenticator();
    const { cookie } = await signInWithPassword(user.email);
    const wrongCode = () => {
      const right = totpCode(secret, new Date());
      return [totpCode(secret, new Date(clock - 120_000)), "123456", "654321"].find((c) => c !== right)!;
    };
    for (let i = 0; i < 4; i++) {
      wait(5);
      expect((await enterCode(cookie, wrongCode())).status).toBe(400);
    }
    wait(5);
    const fifth = await enterCode(cookie, wrongCode());
    expect(fifth.status).toBe(302);
    expect(fifth.headers.get("Location")).toBe("/login?signedOut=too-many-codes");
    expect(fifth.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(countSessionsForUser(user.id)).toBe(0);
    expect((await call(codeLoader, "/login/two-factor", { cookie })).headers.get("Location")).toBe("/login");

    // Signing in again with the password does not buy more guesses, even the right code waits.
    wait(60);
    const again = await signInWithPassword(user.email);
    const page = await jsonOf<{ lockedUntil: string | null }>(await call(codeLoader, "/login/two-factor", { cookie: again.cookie }));
    expect(page.lockedUntil).toBe("Monday 23 November 2026 at 10:15am");
    const refused = await enterCode(again.cookie, totpCode(secret, new Date()));
    expect(refused.headers.get("Location")).toBe("/login?signedOut=too-many-codes");

    // The last wrong code was at 10:00:55, so codes are accepted again from 10:15:55.
    vi.setSystemTime(new Date("2026-11-23T10:16:00Z"));
    const later = await signInWithPassword(user.email);
    expect((await enterCode(later.cookie, totpCode(secret, new Date()))).headers.get("Location")).toBe("/officer");
  });

  it("a password reset signs in only as far as the code page", async () => {
    const { user } = await officerWithAuthenticator();
    await call(forgotAction, "/forgot-password", { form: { email: user.email } });
    const link = lastLinkTo(user.email, "/reset-password/");
    const reset = await call(resetPasswordAction, link, { params: { token: link.split("/").pop()! }, form: { password: "quiet-meadow-lantern", confirmPassword: "quiet-meadow-lantern" } });
    const cookie = sessionCookieFrom(reset)!;
    expect((await call(officerLoader, "/officer", { cookie })).headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fofficer");
  });

  it("changing the password while fully signed in keeps this session past the second factor", async () => {
    const officer = await signedIn("grants_officer");
    const changed = await call(accountAction, "/account", { cookie: officer.cookie, form: { currentPassword: TEST_PASSWORD, password: "quiet-meadow-lantern", confirmPassword: "quiet-meadow-lantern" } });
    expect(changed.headers.get("Location")).toBe("/account?changed=1");
    const cookie = sessionCookieFrom(changed)!;
    expect((await call(officerLoader, "/officer", { cookie })).status).toBe(200);
  });
});

describe("secrets at rest", () => {
  it("the database holds the secret only encrypted, bound to its person", async () => {
    const { cookie, user } = await newStaff("finance");
    const page = await setUpPage(cookie);
    const secret = secretOf(page);
    await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: page.setUp!.token, code: totpCode(secret, new Date()) } });
    const stored = findUserById(user.id)!.totpSecret!;
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(secret);
    expect(stored.toLowerCase()).not.toContain(secret.toLowerCase().slice(0, 8));
    expect(decryptTotpSecret(stored, user.id)).toBe(secret);
    // Copied onto another person's row, it does not decrypt.
    expect(() => decryptTotpSecret(stored, user.id + 1)).toThrow(/cannot be decrypted/);
    // Nor does a set-up form sealed for one person open for another.
    expect(sealSetUp(secret, user.id, new Date())).not.toContain(secret);
  });
});

describe("using a different authenticator app and new recovery codes", () => {
  it("new recovery codes need the password, replace the old ones, and are audited", async () => {
    const officer = await signedIn("grants_officer");
    expect((await call(newCodesLoader, "/account/two-factor/recovery-codes", { cookie: officer.cookie })).status).toBe(200);
    const wrong = await call(newCodesAction, "/account/two-factor/recovery-codes", { cookie: officer.cookie, form: { password: "not-my-password" } });
    expect(wrong.status).toBe(400);
    expect((await jsonOf<Failure>(wrong)).errors).toEqual({ password: WRONG_PASSWORD });
    const made = await call(newCodesAction, "/account/two-factor/recovery-codes", { cookie: officer.cookie, form: { password: TEST_PASSWORD } });
    const { recoveryCodes: fresh } = await jsonOf<{ recoveryCodes: string[] }>(made);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toEqual(expect.arrayContaining([officer.recoveryCodes![0]]));
    expect(actionsFor(officer.user.id)).toContain("account.recovery_codes_regenerated");

    const { cookie } = await signInWithPassword(officer.user.email);
    expect((await jsonOf<Failure>(await enterCode(cookie, officer.recoveryCodes![0]))).errors).toEqual({ code: WRONG_CODE });
    expect((await enterCode(cookie, fresh[0])).status).toBe(302);
  });

  it("a different authenticator app needs the password and its own code; then the old app stops working", async () => {
    const officer = await signedIn("grants_officer");
    const page = await setUpPage(officer.cookie, "/account/two-factor?new=1");
    expect(page.setUp).not.toBeNull();
    const newSecret = secretOf(page);
    wait(30);
    const noPassword = await call(setUpAction, "/account/two-factor?new=1", { cookie: officer.cookie, form: { setUpToken: page.setUp!.token, code: totpCode(newSecret, new Date()) } });
    expect((await jsonOf<Failure>(noPassword)).errors).toEqual({ password: "Enter your password" });
    const replaced = await call(setUpAction, "/account/two-factor?new=1", { cookie: officer.cookie, form: { setUpToken: page.setUp!.token, code: totpCode(newSecret, new Date()), password: TEST_PASSWORD } });
    expect(replaced.status).toBe(200);
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).status).toBe(200);
    expect(actionsFor(officer.user.id)).toContain("account.two_factor_replaced");

    wait(30);
    const { cookie } = await signInWithPassword(officer.user.email);
    expect((await enterCode(cookie, totpCode(officer.totpSecret!, new Date()))).status).toBe(400);
    expect((await enterCode(cookie, totpCode(newSecret, new Date()))).status).toBe(302);
  });
});

describe("an administrator resets a member of staff's two-factor authentication", () => {
  it("clears it, signs them out everywhere and audits it; their next sign-in must set it up again", async () => {
    const admin = await signedIn("admin");
    const officer = await signedIn("grants_officer");
    const staffPage = await jsonOf<{ staff: { id: number; twoFactorOn: boolean }[] }>(await call(staffLoader, "/admin/staff", { cookie: admin.cookie }));
    expect(staffPage.staff.find((s) => s.id === officer.user.id)!.twoFactorOn).toBe(true);
    const confirmPage = await call(resetLoader, "/", { cookie: admin.cookie, params: { userId: String(officer.user.id) } });
    expect(confirmPage.status).toBe(200);

    const reset = await call(resetAction, "/", { cookie: admin.cookie, params: { userId: String(officer.user.id) }, form: {} });
    expect(reset.headers.get("Location")).toBe(`/admin/staff?twoFactorReset=${officer.user.id}`);
    const row = findUserById(officer.user.id)!;
    expect([row.totpSecret, row.totpConfirmedAt, row.totpLastStep]).toEqual([null, null, null]);
    expect(getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, officer.user.id)).all()).toEqual([]);
    expect(countSessionsForUser(officer.user.id)).toBe(0);
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const event = listAuditEvents({ subjectType: "user", subjectId: String(officer.user.id) })[0];
    expect(event).toMatchObject({ action: "staff.two_factor_reset", actorUserId: admin.user.id, after: { confirmedAt: null } });

    const { location, cookie } = await signInWithPassword(officer.user.email);
    expect(location).toBe("/officer");
    expect((await call(officerLoader, "/officer", { cookie })).headers.get("Location")).toBe("/account/two-factor?redirectTo=%2Fofficer");
    expect((await setUpPage(cookie)).setUp).not.toBeNull();
  });

  it("only admins may, not on themselves, and never on applicants", async () => {
    const admin = await signedIn("admin");
    const officer = await signedIn("grants_officer");
    const applicant = await signedIn("applicant", { twoFactor: true });
    const byOfficer = await call(resetAction, "/", { cookie: officer.cookie, params: { userId: String(admin.user.id) }, form: {} });
    expect(byOfficer.status).toBe(403);
    const self = await call(resetAction, "/", { cookie: admin.cookie, params: { userId: String(admin.user.id) }, form: {} });
    expect(self.status).toBe(400);
    expect((await jsonOf<Failure>(self)).errors.form).toMatch(/^You cannot reset your own/);
    const onApplicant = await call(resetAction, "/", { cookie: admin.cookie, params: { userId: String(applicant.user.id) }, form: {} });
    expect(onApplicant.status).toBe(404);
    expect(findUserById(applicant.user.id)!.totpConfirmedAt).not.toBeNull();
    expect(findUserById(admin.user.id)!.totpConfirmedAt).not.toBeNull();
  });
});

describe("applicants may opt in and out", () => {
  it("an applicant signs in with a password alone until they turn two-factor on, then needs a code, until they turn it off", async () => {
    const applicant = await signedIn("applicant");
    expect((await call(applicationsLoader, "/applications", { cookie: applicant.cookie })).status).toBe(200);
    const page = await setUpPage(applicant.cookie);
    expect(page.mustUse).toBe(false);
    const other = await halfSignedInCookie(applicant.user.id);
    expect((await call(applicationsLoader, "/applications", { cookie: other.cookie })).status).toBe(200);

    const secret = secretOf(page);
    const on = await call(setUpAction, "/account/two-factor", { cookie: applicant.cookie, form: { setUpToken: page.setUp!.token, code: totpCode(secret, new Date()) } });
    expect(on.status).toBe(200);
    // This session proved the code; another one open elsewhere must now prove it too.
    expect((await call(applicationsLoader, "/applications", { cookie: applicant.cookie })).status).toBe(200);
    expect((await call(applicationsLoader, "/applications", { cookie: other.cookie })).headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fapplications");

    wait(30);
    const withCode = await signInWithPassword(applicant.user.email);
    expect(withCode.location).toBe("/login/two-factor?redirectTo=%2Fapplications");
    const passed = await enterCode(withCode.cookie, totpCode(secret, new Date()));
    expect(passed.headers.get("Location")).toBe("/applications");
    const full = sessionCookieFrom(passed)!;

    expect((await call(turnOffLoader, "/account/two-factor/turn-off", { cookie: full })).status).toBe(200);
    const wrong = await call(turnOffAction, "/account/two-factor/turn-off", { cookie: full, form: { password: "wrong-password" } });
    expect((await jsonOf<Failure>(wrong)).errors).toEqual({ password: WRONG_PASSWORD });
    const off = await call(turnOffAction, "/account/two-factor/turn-off", { cookie: full, form: { password: TEST_PASSWORD } });
    expect(off.headers.get("Location")).toBe("/account/two-factor?turnedOff=1");
    expect(findUserById(applicant.user.id)!.totpSecret).toBeNull();
    expect(getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, applicant.user.id)).all()).toEqual([]);

    expect((await signInWithPassword(applicant.user.email)).location).toBe("/applications");
    expect(actionsFor(applicant.user.id)).toEqual(expect.arrayContaining(["account.two_factor_set_up", "account.second_factor_passed", "account.two_factor_turned_off"]));
  });

  it("staff cannot turn two-factor authentication off", async () => {
    const officer = await signedIn("grants_officer");
    expect((await call(turnOffLoader, "/account/two-factor/turn-off", { cookie: officer.cookie })).status).toBe(403);
    const refused = await call(turnOffAction, "/account/two-factor/turn-off", { cookie: officer.cookie, form: { password: TEST_PASSWORD } });
    expect(refused.status).toBe(403);
    expect(findUserById(officer.user.id)!.totpConfirmedAt).not.toBeNull();
  });
});

describe("the audit trail", () => {
  it("records set-up, codes passed and failed, recovery-code use, new codes and an admin's reset, each with who did it", async () => {
    const admin = await signedIn("admin");
    const { user, cookie } = await newStaff("finance");
    const page = await setUpPage(cookie);
    const secret = secretOf(page);
    const { recoveryCodes: codes } = await jsonOf<{ recoveryCodes: string[] }>(
      await call(setUpAction, "/account/two-factor", { cookie, form: { setUpToken: page.setUp!.token, code: totpCode(secret, new Date()) } }),
    );
    wait(30);
    const a = await signInWithPassword(user.email);
    await enterCode(a.cookie, "000000" === totpCode(secret, new Date()) ? "111111" : "000000");
    await enterCode(a.cookie, totpCode(secret, new Date()));
    const b = await signInWithPassword(user.email);
    const recovered = await enterCode(b.cookie, codes[0]);
    await call(newCodesAction, "/account/two-factor/recovery-codes", { cookie: sessionCookieFrom(recovered)!, form: { password: TEST_PASSWORD } });
    await call(resetAction, "/", { cookie: admin.cookie, params: { userId: String(user.id) }, form: {} });

    const events = listAuditEvents({ subjectType: "user", subjectId: String(user.id) })
      .reverse()
      .filter((e) => e.action.includes("two_factor") || e.action.includes("second_factor") || e.action.includes("recovery"));
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ["account.two_factor_set_up", user.id],
      ["account.second_factor_failed", user.id],
      ["account.second_factor_passed", user.id],
      ["account.recovery_code_used", user.id],
      ["account.recovery_codes_regenerated", user.id],
      ["staff.two_factor_reset", admin.user.id],
    ]);
    expect(events[1].after).toEqual({ kind: "totp", reason: "wrong" });
    expect(events[3].after).toEqual({ recoveryCodesLeft: 9 });
    // No code or secret ever reaches the audit trail.
    const text = JSON.stringify(events);
    expect(text).not.toContain(secret);
    for (const code of codes) expect(text).not.toContain(code);
  });
});

describe("the code page guards itself", () => {
  it("sends someone with no session to sign in, and someone with no authenticator onwards", async () => {
    expect((await call(codeLoader, "/login/two-factor?redirectTo=%2Fofficer")).headers.get("Location")).toBe("/login?redirectTo=%2Fofficer");
    expect((await call(codeAction, "/login/two-factor", { form: { code: "123456" } })).headers.get("Location")).toBe("/login");
    const applicant = await signedIn("applicant");
    expect((await call(codeLoader, "/login/two-factor", { cookie: applicant.cookie })).headers.get("Location")).toBe("/applications");
    const half = await halfSignedInCookie(applicant.user.id);
    expect((await call(codeAction, "/login/two-factor", { cookie: half.cookie, form: { code: "123456" } })).headers.get("Location")).toBe("/applications");
    expect(getDb().select().from(users).where(and(eq(users.id, applicant.user.id))).get()!.totpSecret).toBeNull();
  });
});
