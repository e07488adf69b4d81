/**
 * Steps shared by the browser journeys that walk several people through the portal: each step names
 * the page and what it showed when it fails, and the steps after a failure are skipped.
 */
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { totpCode, totpStep, TOTP_PERIOD_SECONDS } from "~/domain/accounts/totp";
import type { E2eServer } from "../setup/e2e-server";
import { expectNoSeriousAxeViolations } from "../setup/browser";
import { demoTotpSecret } from "../../scripts/seed/demo-two-factor";

export const DEMO_PASSWORD = "demo-password-2026";

export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/**
 * One step of the journey. A failure names the page and what it showed, with what the browser and
 * the server said; the steps after it are skipped.
 */
export function journeySteps(server: () => E2eServer, browserLog: string[]) {
  let brokenAt: string | null = null;
  return function step(name: string, page: () => Page, work: () => Promise<void>) {
  it(name, async (ctx) => {
    if (brokenAt) ctx.skip(`skipped: an earlier step failed ("${brokenAt}")`);
    try {
      await work();
    } catch (error) {
      brokenAt = name;
      const p = page();
      const shown = await p
        .locator("main")
        .innerText({ timeout: 1_000 })
        .catch(() => "(unreadable)");
      const said = browserLog.length
        ? browserLog.slice(-10).join("\n")
        : "(nothing)";
      if (error instanceof Error) {
        error.message = `${error.message}\n(at ${pathOf(
          p
        )}, showing:\n${shown.slice(
          0,
          1_500
        )}\n; the browser said:\n${said}\nserver output:\n${server()
          .output()
          .slice(-2_000)})`;
      }
      throw error;
    }
  });
  };
}

/** With JavaScript on, waits until React has hydrated the form, so a click is handled by the client. */
export async function ready(page: Page, formSelector = "main form") {
  await page.waitForFunction(
    (selector) => {
      const form = document.querySelector(selector);
      return Boolean(
        form && Object.keys(form).some((key) => key.startsWith("__reactProps"))
      );
    },
    formSelector,
    { timeout: 10_000 }
  );
}

/** The page's one h1 is `name`: says which page was shown instead, if another one was. */
export async function expectHeading(page: Page, name: string) {
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).allInnerTexts(), {
      message: `the h1 at ${pathOf(page)}`,
      timeout: 10_000,
    })
    .toEqual([name]);
}

export async function arriveAt(
  page: Page,
  pathname: RegExp | string,
  heading: string
) {
  await page.waitForURL((url) =>
    typeof pathname === "string"
      ? url.pathname === pathname
      : pathname.test(url.pathname)
  );
  await expectHeading(page, heading);
  await expectNoSeriousAxeViolations(page);
}

/** The green banner after a redirect, with these words. */
export async function expectSuccessBanner(page: Page, text: string) {
  const banner = page.locator(".govuk-notification-banner--success");
  await banner.waitFor();
  expect(
    (
      await banner.locator(".govuk-notification-banner__heading").innerText()
    ).trim()
  ).toBe(text);
}

export async function signIn(
  page: Page,
  email: string,
  dashboard: string,
  heading: string
) {
  await page.goto("/login");
  await expectHeading(page, "Sign in");
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Demo staff have an authenticator: the password leads to the code page first.
  if (demoTotpSecret(email)) await enterTwoFactorCode(page, email);
  await arriveAt(page, dashboard, heading);
}

/** The last 30-second step each demo account used in this test file: a step works only once. */
const lastStepUsed = new Map<string, number>();

/**
 * The code a demo account's authenticator shows, computed from its published secret. A step the
 * portal has already accepted is refused as a replay, so a second sign-in within the same 30
 * seconds uses the next step's code (accepted for clock drift), and a third waits for it.
 */
export async function demoTwoFactorCode(email: string): Promise<string> {
  const secret = demoTotpSecret(email);
  if (!secret) throw new Error(`${email} has no demo authenticator`);
  for (;;) {
    const current = totpStep(new Date());
    const step = Math.max(current, (lastStepUsed.get(email) ?? current - 1) + 1);
    if (step <= current + 1) {
      lastStepUsed.set(email, step);
      return totpCode(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now() + 50));
  }
}

/** On the code page after the password: checks it with axe, enters the current code and continues. */
export async function enterTwoFactorCode(page: Page, email: string) {
  await page.waitForURL((url) => url.pathname === "/login/two-factor");
  await expectHeading(page, "Enter the code from your authenticator app");
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Enter the code from your authenticator app").fill(await demoTwoFactorCode(email));
  await page.getByRole("button", { name: "Continue" }).click();
}


/**
 * Runs a set-up script (`npx tsx tests/e2e/<script>`) against the e2e server's database and returns
 * the JSON it prints on its last line.
 */
export function runSeedScript<T>(script: string, databasePath: string, root: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", `tests/e2e/${script}`], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`${script} failed (exit ${code}):\n${stdout}\n${stderr}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}
