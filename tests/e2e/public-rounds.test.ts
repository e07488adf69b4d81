/**
 * A newcomer with no account finds the open grant round from the home page, reads about it, and
 * can see every round. Runs the production build against the seeded West Yorkshire configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";

// "Wednesday 4 March 2026 at 5:00pm": the seeded rounds close at 5pm UK time.
const CLOSING_DATE = /(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at 5:00pm/;

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

describe("a newcomer looking for a grant", () => {
  it("finds the open round on the home page, follows it to the round page and sees every round", async () => {
    const page = await newPage(browser, server.baseUrl);

    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Apply for a community safety grant" }).waitFor();
    const open = page.locator(".portal-round-card", { has: page.getByRole("link", { name: /Grant round 8/ }) });
    const openText = await open.innerText();
    expect(openText).toContain("Mayor's Safer Communities Fund");
    expect(openText).toContain("Open");
    expect(openText).toContain("£8,000.00");
    expect(openText).toMatch(new RegExp(`Closes\\s+${CLOSING_DATE.source}`));
    await expectNoSeriousAxeViolations(page);

    await page.getByRole("link", { name: "Mayor's Safer Communities Fund: Grant round 8" }).click();
    await page.waitForURL("**/funds/mayors-safer-communities-fund/rounds/gr8");
    await page.getByRole("heading", { level: 1, name: /Grant round 8/ }).waitFor();
    const h1 = await page.getByRole("heading", { level: 1 }).innerText();
    expect(h1).toMatch(/^Grant round 8\s+Open$/);
    const main = await page.getByRole("main").innerText();
    expect(main).toContain("Mayor's Safer Communities Fund");
    expect(main).toMatch(/Grants of up to\s+£8,000.00/);
    expect(main).toMatch(new RegExp(`Closing date\\s+${CLOSING_DATE.source}`));
    expect(await page.title()).toBe("Mayor's Safer Communities Fund: Grant round 8 - Community safety grants");
    await expectNoSeriousAxeViolations(page);

    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Grant rounds", exact: true }).click();
    await page.waitForURL("**/rounds");
    await page.getByRole("heading", { level: 1, name: "Grant rounds" }).waitFor();
    for (const group of ["Open for bids", "Opening soon", "Closed"]) {
      expect(await page.getByRole("heading", { level: 2, name: group }).count()).toBe(1);
    }
    expect(await page.getByRole("link", { name: "Mayor's Safer Communities Fund: Grant round 8" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Mayor's Safer Communities Fund: Grant round 9" }).count()).toBe(1);
    await expectNoSeriousAxeViolations(page);
  });
});
