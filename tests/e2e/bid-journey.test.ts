/**
 * A new applicant's whole bid, in a real browser: signs up, completes every section of the task
 * list, uploads the three documents, submits, sees the reference and finds the email in the outbox.
 * Once with JavaScript on (the client checks each page with the server's schema before posting)
 * and once with it off (every form posts and the server answers). axe checks every page visited,
 * including the error summaries.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, newPage, type Browser, type Page } from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";

const PASSWORD = "lantern harbour bramble signal";
const ROUND = "Grant round 8";
const REFERENCE = /^MSCF-GR8-\d{4}$/;

/** The smallest file the portal's byte sniffing accepts as a PDF. */
const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");

const DOCUMENTS = [
  { id: "file-governing_document", label: "Constitution or governing document", fileName: "constitution.pdf" },
  { id: "file-accounts", label: "Latest accounts", fileName: "accounts-2025.pdf" },
  { id: "file-safeguarding_policy", label: "Safeguarding policy", fileName: "safeguarding-policy.pdf" },
] as const;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

let server: E2eServer;
let browser: Browser;
let scratch: string;
let pdfDir: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bid-journey-"));
  pdfDir = path.join(scratch, "pdfs");
  fs.mkdirSync(pdfDir);
  for (const doc of DOCUMENTS) fs.writeFileSync(path.join(pdfDir, doc.fileName), PDF_BYTES);
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

type Journey = { page: Page; javaScript: boolean; email: string; contactEmail: string; bidPath: string };

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/**
 * With JavaScript on, waits until React has hydrated the page's form (its props are on the
 * element), so a click is handled by the client and not by a native post before hydration.
 */
async function ready(journey: Journey, formSelector = "main form") {
  if (!journey.javaScript) return;
  await journey.page.waitForFunction(
    (selector) => {
      const form = document.querySelector(selector);
      return Boolean(form && Object.keys(form).some((key) => key.startsWith("__reactProps")));
    },
    formSelector,
    { timeout: 10_000 },
  );
}

/** The page's one h1 is `name`: says which page was shown instead, if another one was. */
async function expectHeading(page: Page, name: string) {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).allInnerTexts(), { message: `the h1 at ${pathOf(page)}`, timeout: 10_000 }).toEqual([name]);
}

/** The GOV.UK error summary, waited for, with its links' texts. */
async function errorSummaryLinks(page: Page): Promise<string[]> {
  const summary = page.getByRole("alert");
  await summary.getByText("There is a problem").waitFor();
  return (await summary.getByRole("link").allInnerTexts()).map((t) => t.trim());
}

async function saveAndReturnToTaskList(journey: Journey, taskId: string) {
  const { page } = journey;
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL((url) => url.pathname === journey.bidPath);
  await page.locator(`#${taskId}-status`).getByText("Completed", { exact: true }).waitFor();
  await expectNoSeriousAxeViolations(page);
}

async function openTask(journey: Journey, title: string, expectedPath: RegExp, heading: string) {
  const { page } = journey;
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.waitForURL((url) => expectedPath.test(`${url.pathname}${url.search}`));
  await expectHeading(page, heading);
  await ready(journey);
  await expectNoSeriousAxeViolations(page);
}

// ---- the steps -----------------------------------------------------------------------------

async function signUp(journey: Journey) {
  const { page } = journey;
  await page.goto("/signup");
  await expectHeading(page, "Create an account");
  await ready(journey);
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Your full name").fill("Priya Sharma");
  await page.getByLabel("Name of your organisation").fill("Chapeltown Youth Boxing Club");
  await page.getByLabel("Email address").fill(journey.email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await page.waitForURL((url) => url.pathname === "/applications");
  await expectHeading(page, "Your applications");
  await expectNoSeriousAxeViolations(page);
}

async function startBid(journey: Journey) {
  const { page } = journey;
  await ready(journey, "main form:has(button)");
  // The button's hidden text names the round: "Start a bid in Grant round 8".
  await page.getByRole("button", { name: `Start a bid in ${ROUND}` }).click();
  await page.waitForURL((url) => /^\/applications\/\d+$/.test(url.pathname));
  journey.bidPath = new URL(page.url()).pathname;
  await expectHeading(page, "Your bid");
  expect(await page.getByRole("link", { name: "Organisation details", exact: true }).count()).toBe(1);
  expect(await page.locator("#check-status").innerText()).toBe("Cannot start yet");
  await expectNoSeriousAxeViolations(page);
}

async function organisationDetails(journey: Journey) {
  const { page } = journey;
  const organisationPath = /^\/organisations\/\d+\/profile\?bid=\d+$/;
  await openTask(journey, "Organisation details", organisationPath, "Your organisation's details");

  // Filled in from sign-up.
  expect(await page.getByLabel("Legal name").inputValue()).toBe("Chapeltown Youth Boxing Club");
  await page.getByLabel("Registered charity", { exact: true }).check();
  await page.getByLabel("Charity number (if you have one)").fill("1000001");
  await page.getByLabel("Address line 1", { exact: true }).fill("14 Reginald Terrace");
  await page.getByLabel("Address line 2 (optional)").fill("Chapeltown");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS1 1UR");
  await page.getByLabel("Annual income").fill("42,500");
  await page.getByLabel("Full name").fill("Priya Sharma");
  await page.getByLabel("Email address").fill(journey.contactEmail);
  await page.getByLabel("Telephone number").fill("0113 496 0000");
  await saveAndReturnToTaskList(journey, "organisation");
}

/** With JavaScript, the project page's empty form is stopped in the browser: no POST, no navigation. */
async function emptyProjectStoppedInBrowser(journey: Journey) {
  const { page } = journey;
  const posts: string[] = [];
  const navigations: string[] = [];
  const onRequest = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST") posts.push(request.url());
  };
  const onNavigated = (frame: { url(): string; parentFrame(): unknown }) => {
    if (!frame.parentFrame()) navigations.push(frame.url());
  };
  page.on("request", onRequest);
  page.on("framenavigated", onNavigated);
  const before = page.url();

  await page.getByRole("button", { name: "Save and continue" }).click();
  expect(await errorSummaryLinks(page)).toEqual(["Enter a project title", "Enter a summary of your project"]);
  expect(await page.title()).toMatch(/^Error: /);
  expect(posts).toEqual([]);
  expect(navigations).toEqual([]);
  expect(page.url()).toBe(before);
  await expectNoSeriousAxeViolations(page);

  page.off("request", onRequest);
  page.off("framenavigated", onNavigated);
}

async function project(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Project title and summary", /\/project$/, "Project title and summary");
  if (journey.javaScript) await emptyProjectStoppedInBrowser(journey);
  await page.getByLabel("Project title").fill("Chapeltown boxing nights");
  await page.getByLabel("Summary of your project").fill("Free boxing sessions two evenings a week for young people at risk of being drawn into crime, with mentoring from local coaches.");
  await saveAndReturnToTaskList(journey, "project");
}

async function need(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Need and activities", /\/need$/, "Need and activities");
  await page
    .getByLabel("Why is your project needed?")
    .fill("Reports of antisocial behaviour near Chapeltown Road rose by a third last year, mostly on weekday evenings, and young people tell us there is nowhere to go.");
  await page
    .getByLabel("What will your project do?")
    .fill("Two supervised sessions a week at the community centre, run by two qualified coaches and a youth worker, with a mentoring scheme for regular attenders.");
  await saveAndReturnToTaskList(journey, "need");
}

async function priorities(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Police and Crime Plan priorities and reporting tags", /\/priorities$/, "Police and Crime Plan priorities and reporting tags");
  const priorityGroup = page.getByRole("group", { name: /Which priorities of the/ });
  await priorityGroup.getByRole("checkbox").first().check();
  const tagGroup = page.getByRole("group", { name: /Which of these does your project tackle/ });
  await tagGroup.getByRole("checkbox").first().check();
  await saveAndReturnToTaskList(journey, "priorities");
}

async function area(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Where the project will work", /\/area$/, "Where the project will work");
  await page.getByLabel("Leeds", { exact: true }).check();
  await page.getByLabel("Which wards or neighbourhoods? (optional)").fill("Chapel Allerton and Little London");
  await saveAndReturnToTaskList(journey, "area");
}

async function beneficiaries(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Who will benefit", /\/beneficiaries$/, "Who will benefit");
  await page.getByLabel("How many people will benefit directly?").fill("120");
  await page.getByRole("group", { name: "How old are they?" }).getByLabel("11 to 17", { exact: true }).check();
  await saveAndReturnToTaskList(journey, "beneficiaries");
}

function parseLongDate(text: string): Date {
  const [day, month, year] = text.split(" ");
  const monthIndex = MONTHS.indexOf(month);
  if (monthIndex < 0) throw new Error(`not a date: ${text}`);
  return new Date(Date.UTC(Number(year), monthIndex, Number(day)));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

async function fillDate(page: Page, legend: string, date: Date) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(date.getUTCDate()));
  await group.getByLabel("Month").fill(String(date.getUTCMonth() + 1));
  await group.getByLabel("Year").fill(String(date.getUTCFullYear()));
}

async function dates(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Project dates", /\/dates$/, "Project dates");
  const windowText = await page.getByText(/^Your project must start and finish between/).innerText();
  const match = /between (\d{1,2} \w+ \d{4}) and (\d{1,2} \w+ \d{4})\./.exec(windowText);
  expect(match, windowText).not.toBeNull();
  const from = parseLongDate(match![1]);
  const to = parseLongDate(match![2]);
  const startsOn = addDays(from, 7);
  const endsOn = addDays(startsOn, 180);
  expect(endsOn.getTime()).toBeLessThanOrEqual(to.getTime());
  await fillDate(page, "When will your project start?", startsOn);
  await fillDate(page, "When will it finish?", endsOn);
  await saveAndReturnToTaskList(journey, "dates");
}

async function budget(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Budget", /\/budget$/, "Budget");
  const amount = page.getByLabel("How much are you asking for?");
  await amount.fill("8000.01");
  await page.getByLabel("Item 1", { exact: true }).fill("Coach fees for 80 sessions");
  await page.getByLabel("Cost of item 1", { exact: true }).fill("5,600.00");
  await page.getByLabel("Item 2", { exact: true }).fill("Hall hire");
  await page.getByLabel("Cost of item 2", { exact: true }).fill("2400");
  await page.getByLabel("Other funding for this project (optional)").fill("Kit donated by Leeds Amateur Boxing Association");

  // One penny over the round's cap: refused, by the browser or the server, with the typed value kept.
  await page.getByRole("button", { name: "Save and continue" }).click();
  expect(await errorSummaryLinks(page)).toEqual(["Amount requested must be £8,000.00 or less, the most this round can award"]);
  expect(new URL(page.url()).pathname).toBe(`${journey.bidPath}/budget`);
  expect(await page.title()).toMatch(/^Error: /);
  expect(await amount.inputValue()).toBe("8000.01");
  expect(await page.getByLabel("Cost of item 1", { exact: true }).inputValue()).toBe("5,600.00");
  await expectNoSeriousAxeViolations(page);
  await ready(journey);

  await amount.fill("8,000.00");
  await saveAndReturnToTaskList(journey, "budget");
}

async function outcomes(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Target outcomes", /\/outcomes$/, "Target outcomes");
  const first = page.getByRole("group", { name: "Outcome 1", exact: true });
  await first.getByLabel("Outcome", { exact: true }).selectOption({ index: 1 });
  await first.getByLabel("Target number of people").fill("60");
  await first.getByLabel("How you will measure it").fill("Attendance registers and a survey at the start and end");
  await saveAndReturnToTaskList(journey, "outcomes");
}

async function safeguarding(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Safeguarding and declarations", /\/safeguarding$/, "Safeguarding and declarations");
  await page.getByRole("group", { name: "Does your organisation have a safeguarding policy?" }).getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("Name of your safeguarding lead").fill("Marcus Reid");
  const declarations = page.getByRole("group", { name: "Declarations" }).getByRole("checkbox");
  expect(await declarations.count()).toBe(3);
  for (let i = 0; i < 3; i++) await declarations.nth(i).check();
  await saveAndReturnToTaskList(journey, "safeguarding");
}

async function documents(journey: Journey) {
  const { page } = journey;
  await openTask(journey, "Documents", /\/documents$/, "Documents");
  for (const doc of DOCUMENTS) {
    const input = page.locator(`#${doc.id}`);
    expect(await input.getAttribute("name")).toBe("file");
    expect(await input.getAttribute("type")).toBe("file");
    await page.getByLabel(doc.label, { exact: true }).setInputFiles(path.join(pdfDir, doc.fileName));
    await ready(journey, `form:has(#${doc.id})`);
    await page
      .locator("form", { has: input })
      .getByRole("button", { name: /^Upload/ })
      .click();
    // The upload comes back to the documents page, now listing the file by the name it was given.
    await page.getByRole("table", { name: "Uploaded documents" }).getByRole("link", { name: doc.fileName, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${journey.bidPath}/documents`);
    await expectNoSeriousAxeViolations(page);
  }
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname === journey.bidPath);
  await page.locator("#documents-status").getByText("Completed", { exact: true }).waitFor();
}

async function checkAndSubmit(journey: Journey): Promise<string> {
  const { page } = journey;
  await expectHeading(page, "Chapeltown boxing nights");
  for (const id of ["organisation", "project", "need", "priorities", "area", "beneficiaries", "dates", "budget", "outcomes", "safeguarding", "documents"]) {
    expect(await page.locator(`#${id}-status`).innerText(), `${id} status`).toBe("Completed");
  }
  expect(await page.getByText("You have completed 11 of 11 sections.").count()).toBe(1);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("link", { name: "Check your answers and submit", exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${journey.bidPath}/check`);
  await expectHeading(page, "Check your answers before submitting your bid");
  expect(await page.getByText("Before you can submit:").count()).toBe(0);
  expect(await page.getByRole("main").innerText()).toContain("£8,000.00");
  await ready(journey);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "Submit bid" }).click();
  await page.waitForURL((url) => url.pathname === `${journey.bidPath}/confirmation`, { timeout: 30_000 });
  await expectHeading(page, "Bid submitted");
  const reference = (await page.locator(".govuk-panel__body strong").innerText()).trim();
  expect(reference).toMatch(REFERENCE);
  await expectNoSeriousAxeViolations(page);
  return reference;
}

/** The outbox's messages with headers unfolded, so a long To: or Subject: reads on one line. */
function outboxMessages(outbox: string): string[] {
  if (!fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => fs.readFileSync(path.join(outbox, f), "utf8").replace(/\r?\n[ \t]+/g, " "));
}

function expectConfirmationEmail(journey: Journey, reference: string) {
  const messages = outboxMessages(server.outbox).filter((m) => /^Subject: (.*)$/m.exec(m)?.[1].trim() === `Bid received: ${reference}`);
  expect(messages, `one "Bid received: ${reference}" message in ${server.outbox}`).toHaveLength(1);
  const to = /^To: (.*)$/m.exec(messages[0])?.[1] ?? "";
  expect(to).toContain(journey.email);
  expect(to).toContain(journey.contactEmail);
  expect(messages[0]).toContain(reference);
}

async function wholeJourney(javaScript: boolean) {
  const label = javaScript ? "js" : "nojs";
  const page = await newPage(browser, server.baseUrl, { javaScript });
  // What the browser said, shown if the journey fails: a route module that will not load (as when
  // public/build is rebuilt under a running server) makes Remix reload the page instead of moving on.
  const browserLog: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") browserLog.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => browserLog.push(`page error: ${error.message}`));
  const journey: Journey = { page, javaScript, email: `boxing-${label}@example.org`, contactEmail: `contact-${label}@example.org`, bidPath: "" };
  try {
    await signUp(journey);
    await startBid(journey);
    await organisationDetails(journey);
    await project(journey);
    await need(journey);
    await priorities(journey);
    await area(journey);
    await beneficiaries(journey);
    await dates(journey);
    await budget(journey);
    await outcomes(journey);
    await safeguarding(journey);
    await documents(journey);
    const reference = await checkAndSubmit(journey);
    expectConfirmationEmail(journey, reference);

    // The bid's page now shows the reference too.
    await page.getByRole("link", { name: "See your bid and its status" }).click();
    await page.waitForURL((url) => url.pathname === journey.bidPath);
    await expectHeading(page, "Chapeltown boxing nights");
    expect(await page.getByRole("main").innerText()).toContain(reference);
    // Submitted: no task list any more, nothing left to change.
    expect(await page.locator(".govuk-task-list").count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
  } catch (error) {
    const shown = await page
      .locator("body")
      .innerText({ timeout: 1_000 })
      .catch(() => "(unreadable)");
    const where = `at ${pathOf(page)}, showing:\n${shown.slice(0, 1_500)}\n`;
    let said = browserLog.length > 0 ? browserLog.slice(-20).join("\n") : "(nothing)";
    if (browserLog.some((line) => line.includes("Error loading route module"))) {
      said += "\n=> public/build was probably replaced while this server ran (another `remix build` in the same tree): rerun once nothing else is building.";
    }
    if (error instanceof Error) error.message = `${error.message}\n(${where}; the browser said:\n${said}\nserver output:\n${server.output().slice(-2000)})`;
    throw error;
  } finally {
    await page.context().close();
  }
}

describe("a new applicant's bid, from sign-up to the confirmation email", () => {
  it("works with JavaScript on, the browser checking each page before it posts", { timeout: 120_000 }, async () => {
    await wholeJourney(true);
  });

  it("works with JavaScript off, every form posting to the server", { timeout: 120_000 }, async () => {
    await wholeJourney(false);
  });
});
