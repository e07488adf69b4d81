/**
 * GR1's reports in a real browser, as the grants officer prepares for the Police and Crime Panel.
 * The e2e server's database is seeded by the demo seed, which adds GR1 (39 projects funded,
 * £208,254.93; 11 of them Drugs and Alcohol, £62,468.41). In Chromium with JavaScript on:
 *
 *   1. the officer signs in and opens Reports, then GR1's round report: 39 funded, £208,254.93;
 *   2. follows the one-click Drugs and Alcohol view: 11 funded, £62,468.41;
 *   3. opens the Police and Crime Panel report for GR1 and reads the paragraph the portal wrote;
 *   4. downloads it as a Word document (a .docx, which is a zip, so it starts "PK");
 *   5. anyone, signed out, finds GR1's projects on the public Funded projects page.
 *
 * axe checks every page visited for serious or critical WCAG failures.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser, type Page } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { enterTwoFactorCode } from "./journey-steps";

const DEMO_PASSWORD = "demo-password-2026";
const OFFICER = "officer@example.org";
const FUND = "Mayor's Safer Communities Fund";
const ROUND = "Grant round 1";
const PARAGRAPH =
  "GR1 awarded on 1 March 2022 \u2013 39 projects were awarded a total of \u00a3208,254.93. This round saw 11 Drugs and Alcohol projects funded totalling \u00a362,468.41.";

let server: E2eServer;
let browser: Browser;
let officer: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  officer = await newPage(browser, server.baseUrl);
  officer.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The value beside a key in the page's summary list. */
async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: new RegExp(`^${key}$`) }) });
  return (await row.locator("dd").first().innerText()).trim();
}

describe("GR1's reports, as the grants officer", () => {
  it("signs in and opens Reports", async () => {
    await officer.goto("/login");
    await officer.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectNoSeriousAxeViolations(officer);
    await officer.getByLabel("Email address").fill(OFFICER);
    await officer.getByLabel("Password").fill(DEMO_PASSWORD);
    await officer.getByRole("button", { name: "Sign in" }).click();
    await enterTwoFactorCode(officer, OFFICER);
    await officer.waitForURL((url) => url.pathname === "/officer");

    await officer.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Reports", exact: true }).click();
    await officer.waitForURL((url) => url.pathname === "/reports");
    await officer.getByRole("heading", { level: 1, name: "Reports", exact: true }).waitFor();
    await expectNoSeriousAxeViolations(officer);
  });

  it("opens GR1's round report: 39 projects funded, £208,254.93, released on 1 March 2022", async () => {
    const row = officer.getByRole("row").filter({ hasText: FUND }).filter({ has: officer.getByRole("link", { name: ROUND, exact: true }) });
    await row.getByRole("link", { name: ROUND, exact: true }).click();
    await officer.waitForURL((url) => url.pathname === "/funds/mayors-safer-communities-fund/rounds/gr1/report");
    await officer.getByRole("heading", { level: 1, name: `Round report: ${ROUND}` }).waitFor();
    expect(await summaryValue(officer, "Funded")).toBe("39 projects, \u00a3208,254.93");
    await officer.getByText("Decisions were released to applicants on 1 March 2022.").waitFor();
    await officer.getByText("Showing all projects, submitted at any time.").waitFor();
    await expectNoSeriousAxeViolations(officer);
  });

  it("switches to Drugs and Alcohol: 11 projects funded, £62,468.41", async () => {
    await officer.getByRole("link", { name: "View the Drugs and Alcohol projects only" }).click();
    await officer.waitForURL((url) => url.searchParams.get("tag") === "drugs-and-alcohol");
    expect(pathOf(officer)).toBe("/funds/mayors-safer-communities-fund/rounds/gr1/report?tag=drugs-and-alcohol");
    await officer.getByText("Showing projects tagged Drugs and Alcohol, submitted at any time.").waitFor();
    expect(await summaryValue(officer, "Funded")).toBe("11 projects, \u00a362,468.41");
    await officer.getByRole("link", { name: "Show all projects" }).waitFor();
    await expectNoSeriousAxeViolations(officer);
  });

  it("opens the Police and Crime Panel report for GR1 and reads the paragraph", async () => {
    await officer.getByRole("link", { name: "Police and Crime Panel report for GR1" }).click();
    await officer.waitForURL((url) => url.pathname === "/funds/mayors-safer-communities-fund/panel-report");
    expect(pathOf(officer)).toBe("/funds/mayors-safer-communities-fund/panel-report?round=gr1");
    await officer.getByRole("heading", { level: 1, name: "Police and Crime Panel report" }).waitFor();
    const paragraphs = await officer.locator(".portal-panel-paragraph").allInnerTexts();
    expect(paragraphs.map((p) => p.trim())).toContain(PARAGRAPH);
    await expectNoSeriousAxeViolations(officer);
  });

  it("downloads the Panel report as a Word document", async () => {
    const link = officer.getByRole("link", { name: "Download as a Word document (.docx)" });
    expect(await link.getAttribute("href")).toBe("/funds/mayors-safer-communities-fund/panel-report.docx?round=gr1");
    const [download] = await Promise.all([officer.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    // With JavaScript the page says what it downloaded, politely, for screen readers too.
    await officer.getByRole("status").filter({ hasText: `Downloaded ${download.suggestedFilename()}` }).waitFor();
    await expectNoSeriousAxeViolations(officer);
    expect(pageErrors).toEqual([]);
  });
});

describe("GR1 on the public Funded projects page", () => {
  it("lists GR1's 39 projects to someone not signed in", async () => {
    const visitor = await newPage(browser, server.baseUrl);
    try {
      await visitor.goto("/funded");
      await visitor.getByRole("heading", { level: 1, name: "Funded projects" }).waitFor();
      await expectNoSeriousAxeViolations(visitor);

      await visitor.getByLabel("Grant round").selectOption({ label: `${FUND}: ${ROUND}` });
      await visitor.getByRole("button", { name: "Search funded projects" }).click();
      await visitor.waitForURL((url) => url.searchParams.has("round"));
      await visitor.getByRole("heading", { level: 2, name: /^39 funded projects, £208,254\.93 in total/ }).waitFor();
      const table = visitor.getByRole("table", { name: `Projects funded in ${FUND}: ${ROUND}` });
      await table.waitFor();
      expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(visitor);
    } finally {
      await visitor.context().close();
    }
  });
});
