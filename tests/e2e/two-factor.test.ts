/**
 * Staff two-factor sign-in in Chromium, every page checked with axe:
 *
 *   1. the administrator (with JavaScript) signs in with a code and resets finance's and the
 *      assessor's two-factor authentication, as after a lost phone;
 *   2. finance (with JavaScript) signs in with the password, is sent to set up an authenticator,
 *      reads the key as text (as someone who cannot scan the QR code would), confirms it, saves the
 *      recovery codes and reaches the finance dashboard;
 *   3. the assessor does the same with JavaScript off, getting a code wrong first, then signs out
 *      and back in with a recovery code instead of the app;
 *   4. a wrong code on the code page, with JavaScript, shows the GOV.UK error summary.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { totpCode } from "~/domain/accounts/totp";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser, type Page } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { arriveAt, DEMO_PASSWORD, demoTwoFactorCode, enterTwoFactorCode, expectHeading, expectSuccessBanner, journeySteps, pathOf, signIn } from "./journey-steps";

const ADMIN = "admin@example.org";
const FINANCE = { email: "finance@example.org", name: "Gareth Lloyd" };
const ASSESSOR = { email: "assessor@example.org", name: "Tom Whitaker" };

let server: E2eServer;
let browser: Browser;
let admin: Page;
let finance: Page;
let assessor: Page;
const browserLog: string[] = [];
const step = journeySteps(() => server, browserLog);

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  admin = await newPage(browser, server.baseUrl);
  finance = await newPage(browser, server.baseUrl);
  assessor = await newPage(browser, server.baseUrl, { javaScript: false });
  for (const page of [admin, finance, assessor]) page.on("pageerror", (error) => browserLog.push(`pageerror: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function passwordOnly(page: Page, email: string) {
  await page.goto("/login");
  await expectHeading(page, "Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The key shown as text beside the QR code, without its spaces. */
async function keyShown(page: Page): Promise<string> {
  const row = page.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: /^Key$/ }) });
  return (await row.locator("dd").innerText()).replace(/\s/g, "");
}

/** A code the authenticator would not show now or either side of now. */
function wrongCodeFor(secret: string): string {
  const near = [-30_000, 0, 30_000].map((offset) => totpCode(secret, new Date(Date.now() + offset)));
  return ["000000", "111111", "222222", "333333"].find((c) => !near.includes(c))!;
}

async function resetTwoFactorOf(name: string) {
  await admin.getByRole("link", { name: `Reset two-factor authentication for ${name}` }).click();
  await arriveAt(admin, /^\/admin\/staff\/\d+\/two-factor$/, `Reset two-factor authentication for ${name}`);
  await admin.getByRole("button", { name: "Reset two-factor authentication" }).click();
  await admin.waitForURL((url) => url.pathname === "/admin/staff" && url.searchParams.has("twoFactorReset"));
  await expectSuccessBanner(admin, `${name}'s two-factor authentication has been reset. They have been signed out and must set it up again when they next sign in.`);
  await expectNoSeriousAxeViolations(admin);
}

let assessorCodes: string[] = [];

describe("an administrator resets two members of staff's two-factor authentication", () => {
  step("the administrator signs in with the password and the code from the app", () => admin, async () => {
    await signIn(admin, ADMIN, "/admin", "Administration");
  });

  step("opens Staff, where everyone has it set up, and resets finance's and the assessor's", () => admin, async () => {
    await admin.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Staff", exact: true }).click();
    await arriveAt(admin, "/admin/staff", "Staff");
    const financeRow = admin.getByRole("row").filter({ hasText: FINANCE.email });
    // Columns: name, email, role, two-factor authentication, access.
    const twoFactorCell = () => financeRow.getByRole("cell").nth(3);
    expect(await twoFactorCell().innerText()).toMatch(/^Set up/);
    expect(await financeRow.getByRole("cell").nth(4).innerText()).toMatch(/^Can sign in/);
    await resetTwoFactorOf(FINANCE.name);
    expect((await twoFactorCell().innerText()).trim()).toBe("Not set up");
    await resetTwoFactorOf(ASSESSOR.name);
  });
});

describe("finance sets up an authenticator at the next sign-in, with JavaScript", () => {
  step("the password leads to the set-up page, not the dashboard", () => finance, async () => {
    await passwordOnly(finance, FINANCE.email);
    await arriveAt(finance, "/account/two-factor", "Set up two-factor authentication");
    expect(pathOf(finance)).toBe("/account/two-factor?redirectTo=%2Ffinance");
    expect(await finance.getByRole("img", { name: /QR code for your authenticator app/ }).locator("svg").count()).toBe(1);
    // Nothing else is open until it is done.
    await finance.goto("/finance/ledger");
    await arriveAt(finance, "/account/two-factor", "Set up two-factor authentication");
    expect(pathOf(finance)).toBe("/account/two-factor?redirectTo=%2Ffinance%2Fledger");
    await finance.goto("/finance");
    await arriveAt(finance, "/account/two-factor", "Set up two-factor authentication");
  });

  step("types the key into an authenticator, confirms its code and is shown 10 recovery codes once", () => finance, async () => {
    const secret = await keyShown(finance);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await finance.getByLabel("Code from your authenticator app").fill(totpCode(secret, new Date()));
    await finance.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await finance.getByRole("heading", { level: 1, name: "Two-factor authentication is on" }).waitFor();
    const codes = await finance.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code.trim()).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){5}$/);
    await expectNoSeriousAxeViolations(finance);
  });

  step("continues to the finance dashboard, where they were going", () => finance, async () => {
    await finance.getByRole("button", { name: "Continue" }).click();
    await arriveAt(finance, "/finance", "Finance dashboard");
  });
});

describe("the assessor sets up an authenticator with JavaScript off, then signs in with a recovery code", () => {
  let secret = "";

  step("the password leads to the set-up page", () => assessor, async () => {
    await passwordOnly(assessor, ASSESSOR.email);
    await arriveAt(assessor, "/account/two-factor", "Set up two-factor authentication");
    secret = await keyShown(assessor);
  });

  step("a wrong code is refused by the server with the GOV.UK error summary, and the same key is shown again", () => assessor, async () => {
    await assessor.getByLabel("Code from your authenticator app").fill(wrongCodeFor(secret));
    await assessor.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await assessor.waitForLoadState();
    const summary = assessor.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "The code is not correct. Enter the code your authenticator app shows now" }).waitFor();
    expect(await assessor.title()).toMatch(/^Error: /);
    expect(await keyShown(assessor)).toBe(secret);
    await expectNoSeriousAxeViolations(assessor);
  });

  step("the right code turns it on and shows the recovery codes", () => assessor, async () => {
    await assessor.getByLabel("Code from your authenticator app").fill(totpCode(secret, new Date()));
    await assessor.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await assessor.getByRole("heading", { level: 1, name: "Two-factor authentication is on" }).waitFor();
    assessorCodes = (await assessor.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts()).map((c) => c.trim());
    expect(assessorCodes).toHaveLength(10);
    await expectNoSeriousAxeViolations(assessor);
    await assessor.getByRole("button", { name: "Continue" }).click();
    await arriveAt(assessor, "/assess", "Your assessments");
  });

  step("signs out, and back in with a recovery code instead of the app", () => assessor, async () => {
    await assessor.getByRole("navigation", { name: "Menu" }).getByRole("button", { name: "Sign out" }).click();
    await assessor.waitForURL((url) => url.pathname === "/");
    await passwordOnly(assessor, ASSESSOR.email);
    await arriveAt(assessor, "/login/two-factor", "Enter the code from your authenticator app");
    await assessor.getByLabel("Enter the code from your authenticator app").fill(assessorCodes[0].toUpperCase());
    await assessor.getByRole("button", { name: "Continue" }).click();
    await arriveAt(assessor, "/account/two-factor", "Two-factor authentication");
    await assessor.getByText("You signed in with a recovery code. You have 9 recovery codes left.").waitFor();
    await assessor.getByRole("link", { name: "continue", exact: true }).click();
    await arriveAt(assessor, "/assess", "Your assessments");
  });
});

describe("a wrong code on the code page, with JavaScript", () => {
  step("is answered with the error summary; the right one then signs the officer in", () => admin, async () => {
    const officer = await newPage(browser, server.baseUrl);
    try {
      await passwordOnly(officer, "officer@example.org");
      await arriveAt(officer, "/login/two-factor", "Enter the code from your authenticator app");
      const right = await demoTwoFactorCode("officer@example.org");
      await officer.getByLabel("Enter the code from your authenticator app").fill(right === "000000" ? "000001" : "000000");
      await officer.getByRole("button", { name: "Continue" }).click();
      const summary = officer.getByRole("alert");
      await summary.getByRole("link", { name: "The code is not correct. Enter the code your authenticator app shows now" }).waitFor();
      expect(await officer.title()).toMatch(/^Error: /);
      await expectNoSeriousAxeViolations(officer);
      await officer.getByLabel("Enter the code from your authenticator app").fill(right);
      await officer.getByRole("button", { name: "Continue" }).click();
      await arriveAt(officer, "/officer", "Grants officer dashboard");
    } finally {
      await officer.context().close();
    }
  });

  step("and, signing in again at once, uses the next code: each code works once", () => admin, async () => {
    const officer = await newPage(browser, server.baseUrl);
    try {
      await passwordOnly(officer, "officer@example.org");
      await enterTwoFactorCode(officer, "officer@example.org");
      await arriveAt(officer, "/officer", "Grants officer dashboard");
    } finally {
      await officer.context().close();
    }
  });
});
