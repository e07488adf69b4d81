/**
 * Debian's Chromium driven by playwright-core (no `npx playwright install`: browsers cannot be
 * downloaded here), contexts with and without JavaScript, and an accessibility check with axe.
 */
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { INSTALL_HELP, findChromium } from "../../scripts/ensure-chromium.js";

export type { Browser, BrowserContext, Page };

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HELP);
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const CONTEXT_OPTIONS = { locale: "en-GB", timezoneId: "Europe/London" } as const;
const withoutJavaScript = new WeakSet<BrowserContext>();

/**
 * A fresh context (its own cookies) on the test server. `javaScript: false` is how someone whose
 * JavaScript failed to load, or who turned it off, sees the portal: every journey must still work.
 */
export async function newContext(browser: Browser, baseURL: string, { javaScript = true }: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, baseURL, javaScriptEnabled: javaScript });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  if (!javaScript) withoutJavaScript.add(context);
  return context;
}

export async function newPage(browser: Browser, baseURL: string, options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, baseURL, options);
  return context.newPage();
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

const AXE_TIMEOUT_MS = 30_000;

function analyse(page: Page) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe did not finish within ${AXE_TIMEOUT_MS / 1000}s on ${page.url()}`)), AXE_TIMEOUT_MS);
  });
  return Promise.race([new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze(), timeout]).finally(() => clearTimeout(timer));
}

// The portal's own policy (scripts/http-app.js), with every script refused.
const COPY_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'";

/**
 * axe runs inside the page and needs its timers, which never fire when JavaScript is off. So a
 * page seen without JavaScript is checked as a copy: the same HTML, at the same address, in a
 * JavaScript-enabled page whose Content-Security-Policy stops the portal's own scripts running.
 */
async function analyseWithoutJavaScript(page: Page) {
  const url = page.url();
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error("the page has no browser to check it in");
  const checker = await browser.newContext({ ...CONTEXT_OPTIONS, viewport: page.viewportSize() });
  try {
    const copy = await checker.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) =>
        route.fulfill({
          status: 200,
          contentType: "text/html; charset=utf-8",
          headers: { "Content-Security-Policy": COPY_POLICY },
          body: html,
        }),
    );
    await copy.goto(url);
    return await analyse(copy);
  } finally {
    await checker.close();
  }
}

/** Fails the test, naming each rule and element, if axe finds a serious or critical WCAG failure. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = withoutJavaScript.has(page.context()) ? await analyseWithoutJavaScript(page) : await analyse(page);
  const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact));
  const report = blocking.map((v) => {
    const targets = v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n");
    return `[${v.impact}] ${v.id}: ${v.help}\n${targets}`;
  });
  expect(report, `accessibility violations on ${page.url()}:\n${report.join("\n")}`).toEqual([]);
}
