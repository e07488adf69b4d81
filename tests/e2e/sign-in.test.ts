/**
 * Signing in and out in a real browser, as each demo role, with JavaScript on and off. Every page
 * visited is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser, type Page } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { enterTwoFactorCode } from "./journey-steps";
import { demoTotpSecret } from "../../scripts/seed/demo-two-factor";

const DEMO_PASSWORD = "demo-password-2026";

const ROLES = [
  { email: "applicant@example.org", dashboard: "/applications", heading: "Your applications" },
  { email: "assessor@example.org", dashboard: "/assess", heading: "Your assessments" },
  { email: "officer@example.org", dashboard: "/officer", heading: "Grants officer dashboard" },
  { email: "finance@example.org", dashboard: "/finance", heading: "Finance dashboard" },
  { email: "admin@example.org", dashboard: "/admin", heading: "Administration" },
];

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

async function openSignIn(page: Page) {
  await page.goto("/login");
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await expectNoSeriousAxeViolations(page);
}

async function signIn(page: Page, email: string, password: string) {
  await openSignIn(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The password, then (for staff, who must use two-factor authentication) the authenticator's code. */
async function signInFully(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD);
  if (demoTotpSecret(email)) await enterTwoFactorCode(page, email);
}

async function expectDashboard(page: Page, dashboard: string, heading: string) {
  await page.waitForURL((url) => url.pathname === dashboard);
  await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
  await expectNoSeriousAxeViolations(page);
}

async function signOutAndCheck(page: Page, dashboard: string) {
  await page.getByRole("navigation", { name: "Menu" }).getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" }).waitFor();
  expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
  await expectNoSeriousAxeViolations(page);
  // The session is really over: the dashboard now asks the person to sign in again.
  await page.goto(dashboard);
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  expect(pathOf(page)).toBe(`/login?${new URLSearchParams({ redirectTo: dashboard })}`);
}

describe("signing in with JavaScript", () => {
  for (const role of ROLES) {
    it(`${role.email} signs in, lands on ${role.dashboard} and signs out`, async () => {
      const page = await newPage(browser, server.baseUrl);
      await signInFully(page, role.email);
      await expectDashboard(page, role.dashboard, role.heading);
      await signOutAndCheck(page, role.dashboard);
      await page.context().close();
    });
  }

  it("an empty form is stopped in the browser with the GOV.UK error summary", async () => {
    const page = await newPage(browser, server.baseUrl);
    await openSignIn(page);
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "Enter your email address" }).waitFor();
    expect(await page.getByRole("link", { name: "Enter your password" }).count()).toBe(1);
    expect(posts).toEqual([]);
    expect(pathOf(page)).toBe("/login");
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it("a wrong password shows the error summary and 'Error: ' in the title", async () => {
    const page = await newPage(browser, server.baseUrl);
    await signIn(page, "applicant@example.org", "not-the-password");
    const summary = page.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "Enter a correct email address and password" }).waitFor();
    expect(pathOf(page)).toBe("/login");
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });
});

describe("signing in with JavaScript off", () => {
  for (const role of ROLES.filter((r) => r.email === "applicant@example.org" || r.email === "officer@example.org")) {
    it(`${role.email} signs in, lands on ${role.dashboard} and signs out`, async () => {
      const page = await newPage(browser, server.baseUrl, { javaScript: false });
      await signInFully(page, role.email);
      await expectDashboard(page, role.dashboard, role.heading);
      await signOutAndCheck(page, role.dashboard);
      await page.context().close();
    });
  }

  it("a wrong password is answered by the server with the error summary and 'Error: ' in the title", async () => {
    const page = await newPage(browser, server.baseUrl, { javaScript: false });
    await signIn(page, "officer@example.org", "not-the-password");
    await page.waitForLoadState();
    const summary = page.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "Enter a correct email address and password" }).waitFor();
    expect(pathOf(page)).toBe("/login");
    expect(await page.title()).toMatch(/^Error: /);
    // The address typed is kept, so only the password needs typing again.
    expect(await page.getByLabel("Email address").inputValue()).toBe("officer@example.org");
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });
});
