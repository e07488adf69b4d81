/**
 * A community group's first visit: creating an applicant account and landing on their
 * applications, with JavaScript on and off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";

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

describe("a new applicant creating an account", () => {
  for (const javaScript of [true, false]) {
    it(`signs up from the home page and lands on their applications (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const page = await newPage(browser, server.baseUrl, { javaScript });
      const email = `new-group-${javaScript ? "js" : "nojs"}@example.org`;

      await page.goto("/");
      // GOV.UK's start button: a link that looks and announces itself as a button.
      await page.getByRole("main").getByRole("button", { name: "Create an account" }).click();
      await page.waitForURL((url) => url.pathname === "/signup");
      await page.getByRole("heading", { level: 1, name: "Create an account" }).waitFor();
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel("Your full name").fill("Sam Okafor");
      await page.getByLabel("Name of your organisation").fill("Halifax Street Angels");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Create a password").fill("lantern harbour bramble signal");
      await page.getByLabel("Confirm password").fill("lantern harbour bramble signal");
      await page.getByRole("button", { name: "Create account" }).click();

      await page.waitForURL((url) => url.pathname === "/applications");
      await page.getByRole("heading", { level: 1, name: "Your applications", exact: true }).waitFor();
      expect(await page.getByRole("navigation", { name: "Menu" }).getByRole("button", { name: "Sign out" }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);
      await page.context().close();
    });
  }
});
