/**
 * The sign-out warning and kept answers in a real browser. The browser's clock is moved with
 * Playwright's fake clock; the server's, by setting the session's last activity back in the test
 * server's database file (the server reads it on every request). With JavaScript: the warning
 * appears five minutes before the end, is an accessible modal dialog, "Stay signed in" works, work
 * in another tab is noticed, and when time runs out the page says so and what was typed survives
 * signing in again. Without JavaScript: a form sent after the session ended loses nothing.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newContext, type Browser, type BrowserContext, type Page } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { DEMO_PASSWORD, expectHeading, ready, signIn } from "./journey-steps";

const APPLICANT = "applicant@example.org";
const MINUTE = 60_000;

let server: E2eServer;
let browser: Browser;
let db: Database.Database;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  db = new Database(path.join(path.dirname(server.outbox), "portal.db"));
  db.pragma("busy_timeout = 5000");
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await server?.stop();
});

/** Moves the server's view of the applicant's sessions: last active `minutes` ago. */
function lastActive(minutesAgo: number) {
  db.prepare("UPDATE sessions SET last_seen_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)").run(Date.now() - minutesAgo * MINUTE, APPLICANT);
}

function lastSeenAt(): number {
  return (db.prepare("SELECT max(last_seen_at) AS at FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)").get(APPLICANT) as { at: number }).at;
}

function organisationId(): number {
  return (db.prepare("SELECT m.organisation_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?").get(APPLICANT) as { id: number }).id;
}

function savedContactName(): string | undefined {
  return (db.prepare("SELECT contact_name AS name FROM organisation_profiles WHERE organisation_id = ?").get(organisationId()) as { name: string } | undefined)?.name;
}

async function signedInPage(javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server.baseUrl, { javaScript });
  // The browser's timers and Date, under the test's control (they still run at normal speed).
  if (javaScript) await context.clock.install();
  const page = await context.newPage();
  await signIn(page, APPLICANT, "/applications", "Your applications");
  return { context, page };
}

async function openProfile(page: Page, javaScript: boolean) {
  await page.goto(`/organisations/${organisationId()}/profile`);
  await expectHeading(page, "Your organisation's details");
  if (javaScript) await ready(page);
}

async function typeProfile(page: Page, contactName: string) {
  await page.getByLabel("Legal name").fill("Calder Valley Youth Boxing Club");
  await page.getByLabel("Constituted community group").check();
  await page.getByLabel("Address line 1").fill("1 Mill Street");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS1 1UR");
  await page.getByLabel("Annual income").fill("45,000");
  await page.getByLabel("Full name").fill(contactName);
  await page.getByLabel("Email address").fill("aisha@example.org");
  await page.getByLabel("Telephone number").fill("0113 496 0000");
}

const warning = (page: Page) => page.getByRole("alertdialog");

/** After sending a form with the session ended: sign in again, check the kept answers, send them. */
async function signInAgainAndSend(page: Page, contactName: string) {
  await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === "/session/resume");
  await expectHeading(page, "Sign in");
  const banner = page.getByRole("region", { name: "Important" });
  await banner.getByText("Your answers have not been sent yet, but we have kept them").waitFor();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Email address").fill(APPLICANT);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.waitForURL((url) => url.pathname === "/session/resume");
  await expectHeading(page, "Check the answers we kept");
  const answers = page.locator(".govuk-summary-list");
  await expect.poll(() => answers.innerText()).toContain(contactName);
  expect(await answers.innerText()).toContain("Postcode");
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Send these answers" }).click();

  // The organisation's page, reached after the profile page's own action saved the answers.
  await page.waitForURL((url) => url.pathname === `/organisations/${organisationId()}`);
  expect(savedContactName()).toBe(contactName);
  // Nothing is left waiting.
  await page.goto("/session/resume");
  await expectHeading(page, "There are no answers waiting to be sent");
}

describe("with JavaScript", () => {
  it("warns five minutes before the end in an accessible dialog, and 'Stay signed in' keeps the session", async () => {
    const { context, page } = await signedInPage(true);
    await openProfile(page, true);
    await page.getByLabel("Full name").focus();
    expect(await warning(page).isVisible()).toBe(false);

    // 26 minutes without activity on the server; 25 minutes pass in the browser.
    lastActive(26);
    await page.clock.fastForward("25:00");
    const dialog = warning(page);
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    await dialog.getByRole("heading", { name: "You will be signed out soon" }).waitFor();
    expect(await dialog.getByRole("heading").evaluate((h) => h === document.activeElement)).toBe(true);
    // The server said about 4 minutes were left, and that is what the person is told.
    await expect.poll(() => dialog.locator("#session-timeout-message").innerText()).toBe("For your security, we will sign you out in 4 minutes.");
    await expectNoSeriousAxeViolations(page);

    // Focus stays in the dialog.
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Stay signed in");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Sign out");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Stay signed in");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("Sign out");

    const before = lastSeenAt();
    await dialog.getByRole("button", { name: "Stay signed in" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(lastSeenAt()).toBeGreaterThan(before);
    expect(Date.now() - lastSeenAt()).toBeLessThan(30_000);
    // Focus goes back where it was.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("contactName");
    // And the session really goes on.
    await page.goto("/applications");
    await expectHeading(page, "Your applications");
    await context.close();
  });

  it("does not warn when work in another tab has kept the session going", async () => {
    const { context, page } = await signedInPage(true);
    lastActive(26);
    // Another tab is used: the server counts it as activity.
    const other = await context.newPage();
    await other.goto("/applications");
    await expectHeading(other, "Your applications");

    const asked = page.waitForRequest((request) => new URL(request.url()).pathname === "/session/status");
    await page.clock.fastForward("25:00");
    // The page asked the server before warning, heard that about 30 minutes are left, and stays quiet.
    const answer = await (await asked).response();
    expect(((await answer!.json()) as { endsInMs: number }).endsInMs).toBeGreaterThan(29 * MINUTE);
    await page.clock.fastForward("00:05");
    expect(await warning(page).isVisible()).toBe(false);
    await context.close();
  });

  it("when time runs out the page says so, and what was typed survives signing in again", async () => {
    const { context, page } = await signedInPage(true);
    await openProfile(page, true);
    await typeProfile(page, "Ravi Patel");

    // The server has already ended the session when the browser's timer comes round.
    lastActive(31);
    await page.clock.fastForward("25:00");
    const dialog = warning(page);
    await dialog.getByRole("heading", { name: "You have been signed out" }).waitFor();
    await dialog.getByText("We signed you out because you had not done anything for 30 minutes.").waitFor();
    await dialog.getByText(/Anything you typed on this page and did not send is still here/).waitFor();
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole("button", { name: "Close this message" }).click();
    await dialog.waitFor({ state: "hidden" });

    // What was typed is still on the page; sending it now asks for sign-in and keeps it.
    expect(await page.getByLabel("Full name").inputValue()).toBe("Ravi Patel");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await signInAgainAndSend(page, "Ravi Patel");
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("a form sent after the session ended keeps what was typed through signing in again", async () => {
    const { context, page } = await signedInPage(false);
    await openProfile(page, false);
    await typeProfile(page, "Mohammed Iqbal");
    lastActive(31);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await signInAgainAndSend(page, "Mohammed Iqbal");
    await context.close();
  });
});
