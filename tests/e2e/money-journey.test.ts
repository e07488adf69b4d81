/**
 * Awards and money in a real browser, from an offer to the repayment finance is owed. The demo
 * applicant's bid is submitted to the demo round GR8, the round closed, the bid funded in full
 * (£7,500) and the decision released by tests/e2e/money-seed.ts (the app's own model functions, run
 * against this file's server database), so the applicant holds an offer. Then, in Chromium with
 * JavaScript on, each person in a browser context of their own:
 *
 *   1. the applicant opens the offer from "Your grants", gives bank details first (so finance need
 *      not confirm them) and accepts the offer;
 *   2. finance sees the award due for payment, opens it and records the payment of the whole award;
 *   3. the applicant sends the final return, spending £6,750 of the £7,500, with the £750 underspend;
 *   4. the grants officer accepts the return, which asks for the £750 back (the award is fully paid);
 *   5. finance's reconciliation for the fund and round shows £750 repayment due, and flags it as
 *      due but not received for that award.
 *
 * axe checks every page visited for serious or critical WCAG failures.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage,
  type Browser,
  type Page,
} from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { arriveAt, expectHeading, expectSuccessBanner, journeySteps, runSeedScript, pathOf, ready, signIn } from "./journey-steps";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const APPLICANT = { email: "applicant@example.org", name: "Aisha Khan" };
const FINANCE = { email: "finance@example.org" };
const OFFICER = { email: "officer@example.org" };
const ORGANISATION = "Calder Valley Youth Boxing Club";
const PROJECT = "Calder Valley boxing after school";

/** What the seed script made (see money-seed.ts). */
type Seeded = {
  awardId: number;
  bidId: number;
  reference: string;
  amountPence: number;
  roundId: number;
  roundName: string;
  fundId: number;
  fundName: string;
};

const BANK = {
  accountName: ORGANISATION,
  sortCode: "30-94-30",
  accountNumber: "00733445",
};
const SIGNATORY = { name: "Aisha Khan", role: "Chair of trustees" };
const PAYMENT_REFERENCE = "MSCF GR8 0001";
/** The final return: £6,750 spent of the £7,500 award, so £750 unspent. */
const FINAL_RETURN = {
  beneficiaries: "48",
  achieved: "35",
  spend: { "Coach fees": "5,000.00", "Hall hire": "1,750.00" },
  underspend: "750.00",
  story:
    "Jay, 14, came to the first session after being excluded from school. By the summer he was helping coach the younger ones and is back in lessons full time.",
};
const GRANT = "£7,500.00";
const SPENT = "£6,750.00";
const UNDERSPEND = "£750.00";

let server: E2eServer;
let browser: Browser;
let seeded: Seeded;
let applicant: Page;
let finance: Page;
let officer: Page;
let returnId: number;
const browserLog: string[] = [];
const step = journeySteps(() => server, browserLog);
/** Uncaught errors in any page: each person's pages must run their JavaScript cleanly. */
const pageErrors: string[] = [];
/** The first step that failed: the later ones depend on it, so they are skipped rather than failed again. */

/** Today in the UK, as the date boxes take it and as the portal writes it. */
function ukToday() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      day: "numeric",
      month: "numeric",
      year: "numeric",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value])
  );
  const long = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date());
  return {
    day: String(Number(parts.day)),
    month: String(Number(parts.month)),
    year: parts.year,
    long,
  };
}

function runSeed(databasePath: string): Promise<Seeded> {
  return runSeedScript<Seeded>("money-seed.ts", databasePath, ROOT);
}

/** A page in a browser context of its own: each person has their own cookies. */
async function personPage(): Promise<Page> {
  const page = await newPage(browser, server.baseUrl);
  page.on("console", (message) => {
    if (message.type() === "error")
      browserLog.push(`console.error at ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => {
    browserLog.push(`page error at ${page.url()}: ${error.message}`);
    pageErrors.push(`${pathOf(page)}: ${error.message}`);
  });
  return page;
}

beforeAll(async () => {
  server = await startE2eServer();
  // The server keeps its database beside its outbox, in its own temporary folder.
  const databasePath = path.join(path.dirname(server.outbox), "portal.db");
  if (!fs.existsSync(databasePath))
    throw new Error(`the e2e server's database is not at ${databasePath}`);
  seeded = await runSeed(databasePath);
  browser = await launchBrowser();
  applicant = await personPage();
  finance = await personPage();
  officer = await personPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The text cells of the one table row holding this text. */
async function rowOf(
  page: Page,
  tableName: string | RegExp | null,
  cellText: string
): Promise<string[]> {
  const table =
    tableName === null
      ? page.getByRole("main").getByRole("table")
      : page.getByRole("table", { name: tableName });
  const row = table.getByRole("row").filter({ hasText: cellText });
  await expect
    .poll(() => row.count(), {
      message: `one row with "${cellText}" in the table "${
        tableName ?? "(the page's table)"
      }"`,
    })
    .toBe(1);
  return (await row.getByRole("cell").allInnerTexts()).map(squash);
}

/** The value beside `key` in the page's summary lists (the first row with exactly that key). */
async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page
    .locator(".govuk-summary-list__row")
    .filter({
      has: page.locator(".govuk-summary-list__key", {
        hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`),
      }),
    })
    .first();
  return squash(await row.locator(".govuk-summary-list__value").innerText());
}

async function fillDate(
  page: Page,
  legend: string,
  date: ReturnType<typeof ukToday>
) {
  const group = page.getByRole("group", { name: legend, exact: true });
  await group.getByLabel("Day", { exact: true }).fill(date.day);
  await group.getByLabel("Month", { exact: true }).fill(date.month);
  await group.getByLabel("Year", { exact: true }).fill(date.year);
}

// ---- the journey ------------------------------------------------------------------------------

describe("an award from offer to reconciliation: acceptance, payment, final return and repayment due", () => {
  step(
    "the seed released a fund-in-full decision on the demo applicant's GR8 bid",
    () => applicant,
    async () => {
      expect(seeded.reference).toBe("MSCF-GR8-0001");
      expect(seeded.roundName).toBe("Grant round 8");
      expect(seeded.fundName).toBe("Mayor's Safer Communities Fund");
      expect(seeded.amountPence).toBe(750_000);
    }
  );

  step(
    "the applicant opens the offer from their grants and gives bank details before accepting",
    () => applicant,
    async () => {
      await signIn(
        applicant,
        APPLICANT.email,
        "/applications",
        "Your applications"
      );
      expect(await rowOf(applicant, "Your grants", seeded.reference)).toEqual([
        PROJECT,
        seeded.reference,
        ORGANISATION,
        "Offer made",
        GRANT,
      ]);
      await applicant
        .getByRole("table", { name: "Your grants" })
        .getByRole("link", { name: PROJECT, exact: true })
        .click();
      const awardPath = `/awards/${seeded.awardId}`;
      await arriveAt(applicant, awardPath, `Grant offer for ${PROJECT}`);
      expect(await summaryValue(applicant, "Status")).toBe("Offer made");
      expect(await summaryValue(applicant, "Grant")).toBe(GRANT);
      expect(await summaryValue(applicant, "Bid reference")).toBe(
        seeded.reference
      );

      await applicant
        .getByRole("link", { name: "Give your bank details", exact: true })
        .click();
      await arriveAt(
        applicant,
        `${awardPath}/bank-details`,
        "What are your organisation's bank details?"
      );
      await ready(applicant);
      await applicant
        .getByLabel("Name on the account", { exact: true })
        .fill(BANK.accountName);
      await applicant
        .getByLabel("Sort code", { exact: true })
        .fill(BANK.sortCode);
      await applicant
        .getByLabel("Account number", { exact: true })
        .fill(BANK.accountNumber);
      await applicant
        .getByRole("button", { name: "Save bank details" })
        .click();

      await applicant.waitForURL(
        (url) =>
          url.pathname === awardPath && url.search === "?done=bank-details"
      );
      await expectHeading(applicant, `Grant offer for ${PROJECT}`);
      await expectSuccessBanner(
        applicant,
        "Your bank details have been saved."
      );
      // Shown masked, and given before acceptance, so nothing waits on finance.
      expect(await summaryValue(applicant, "Name on the account")).toBe(
        BANK.accountName
      );
      const main = await applicant.getByRole("main").innerText();
      expect(main).not.toContain(BANK.accountNumber);
      expect(main).toContain("3445");
      expect(main).not.toContain(
        "Our finance team is checking these bank details"
      );
      await expectNoSeriousAxeViolations(applicant);
    }
  );

  step(
    "the applicant accepts the offer with a signatory, today's date and every declaration",
    () => applicant,
    async () => {
      const awardPath = `/awards/${seeded.awardId}`;
      await applicant
        .getByRole("button", { name: "Accept the offer", exact: true })
        .click();
      await arriveAt(applicant, `${awardPath}/accept`, "Accept the offer");
      // Bank details are already given, so there is no warning about them.
      expect(
        await applicant
          .getByText("You have not given bank details yet.", { exact: false })
          .count()
      ).toBe(0);
      await ready(applicant);
      await applicant
        .getByLabel("Full name of the person accepting the offer", {
          exact: true,
        })
        .fill(SIGNATORY.name);
      await applicant
        .getByLabel("Their role in the organisation", { exact: true })
        .fill(SIGNATORY.role);
      const today = ukToday();
      await fillDate(applicant, "Date accepted", today);
      const declarations = applicant.getByRole("group", {
        name: /^Declarations/,
      });
      const boxes = declarations.getByRole("checkbox");
      expect(await boxes.count()).toBe(4);
      for (const box of await boxes.all()) await box.check();
      await applicant.getByRole("button", { name: "Accept offer" }).click();

      await applicant.waitForURL(
        (url) => url.pathname === awardPath && url.search === "?done=accepted"
      );
      await expectHeading(applicant, `Grant offer for ${PROJECT}`);
      await expectSuccessBanner(applicant, "You have accepted the offer.");
      expect(await summaryValue(applicant, "Status")).toBe("Accepted");
      expect(await summaryValue(applicant, "Accepted by")).toBe(SIGNATORY.name);
      expect(await summaryValue(applicant, "Role")).toBe(SIGNATORY.role);
      expect(await summaryValue(applicant, "Date accepted")).toBe(today.long);
      await expectNoSeriousAxeViolations(applicant);
    }
  );

  step(
    "finance sees the award due for payment and records the payment of the whole award",
    () => finance,
    async () => {
      await signIn(finance, FINANCE.email, "/finance", "Finance dashboard");
      const label = `${seeded.reference} (award ${seeded.awardId})`;
      const due = finance.getByRole("region", {
        name: "Awards due for payment",
      });
      const row = due.getByRole("row").filter({ hasText: label });
      expect(await row.count()).toBe(1);
      const cells = (await row.getByRole("cell").allInnerTexts()).map(squash);
      expect(cells.slice(1)).toEqual([
        ORGANISATION,
        GRANT,
        "£0.00",
        GRANT,
        "Ready to pay",
      ]);
      // The link's words for a screen reader end ": payments", visually hidden.
      await row
        .getByRole("link", {
          name: new RegExp(`^${escapeRegExp(label)}\\s*: payments$`),
        })
        .click();

      const financePath = `/finance/awards/${seeded.awardId}`;
      await arriveAt(finance, financePath, `Payments for ${seeded.reference}`);
      expect(await summaryValue(finance, "Award status")).toBe("Accepted");
      expect(await summaryValue(finance, "Award (net commitment)")).toBe(GRANT);
      expect(await summaryValue(finance, "Left to pay")).toBe(GRANT);
      await ready(finance);
      await finance.getByLabel("Amount paid", { exact: true }).fill("7,500.00");
      await fillDate(finance, "Date paid", ukToday());
      await finance
        .getByLabel("Payment reference", { exact: true })
        .fill(PAYMENT_REFERENCE);
      await finance.getByRole("button", { name: "Record payment" }).click();

      await finance.waitForURL(
        (url) => url.pathname === financePath && url.search.startsWith("?paid=")
      );
      await expectHeading(finance, `Payments for ${seeded.reference}`);
      await expectSuccessBanner(
        finance,
        "Payment recorded. The award is now paid in full."
      );
      expect(await summaryValue(finance, "Paid so far")).toBe(GRANT);
      expect(await summaryValue(finance, "Left to pay")).toBe("£0.00");
      const payment = await rowOf(
        finance,
        "Ledger entries for this award",
        PAYMENT_REFERENCE
      );
      expect(payment[2]).toBe("Payment");
      expect(payment[4]).toBe(ukToday().long);
      expect(payment[6]).toBe(GRANT);
      expect(
        await finance.getByRole("button", { name: "Record payment" }).count()
      ).toBe(0);
      await expectNoSeriousAxeViolations(finance);
    }
  );

  step(
    "the applicant sends the final return with spend below the award and the underspend",
    () => applicant,
    async () => {
      const returnPath = `/awards/${seeded.awardId}/returns/final`;
      await applicant.goto(returnPath);
      await arriveAt(applicant, returnPath, "Final return");
      expect(await summaryValue(applicant, "Grant")).toBe(GRANT);
      expect(await summaryValue(applicant, "Status")).toBe("Not sent");
      await ready(applicant);
      await applicant
        .getByLabel("How many people did the project reach?", { exact: true })
        .fill(FINAL_RETURN.beneficiaries);
      const outcomes = applicant
        .getByRole("group", {
          name: "What did the project achieve against each target outcome?",
        })
        .getByRole("textbox");
      expect(await outcomes.count()).toBe(1);
      await outcomes.first().fill(FINAL_RETURN.achieved);
      const spend = applicant.getByRole("group", {
        name: /^How much of the grant did you spend on each budget line\?/,
      });
      for (const [line, amount] of Object.entries(FINAL_RETURN.spend))
        await spend.getByLabel(line, { exact: true }).fill(amount);
      await applicant
        .getByLabel("Underspend", { exact: true })
        .fill(FINAL_RETURN.underspend);
      await applicant
        .getByLabel("What difference has the project made?", { exact: true })
        .fill(FINAL_RETURN.story);
      await applicant.getByRole("button", { name: "Send return" }).click();

      await applicant.waitForURL(
        (url) => url.pathname === returnPath && url.search === "?sent=1"
      );
      await expectHeading(applicant, "Final return");
      await expectSuccessBanner(
        applicant,
        "Your final return has been sent. A grants officer will review it."
      );
      expect(await summaryValue(applicant, "Status")).toBe("Submitted");
      expect(await summaryValue(applicant, "Underspend")).toBe(UNDERSPEND);
      const total = squash(
        await applicant
          .getByRole("table", { name: "Spend" })
          .locator("tfoot")
          .innerText()
      );
      expect(total).toBe(`Total ${GRANT} ${SPENT}`);
      expect(
        await applicant.getByRole("button", { name: "Send return" }).count()
      ).toBe(0);
      await expectNoSeriousAxeViolations(applicant);
    }
  );

  step(
    "the grants officer accepts the final return, which asks for the underspend back",
    () => officer,
    async () => {
      await signIn(
        officer,
        OFFICER.email,
        "/officer",
        "Grants officer dashboard"
      );
      await officer.goto("/officer/awards");
      await arriveAt(officer, "/officer/awards", "Awards and monitoring");
      const before = await rowOf(officer, null, seeded.reference);
      expect(before[1]).toBe(GRANT);
      expect(before[3]).toContain("Final Submitted");
      expect(before[5]).toBe("£0.00");
      await officer
        .getByRole("main")
        .getByRole("row")
        .filter({ hasText: seeded.reference })
        .getByRole("link", { name: "Final", exact: true })
        .click();

      await arriveAt(
        officer,
        /^\/officer\/returns\/\d+$/,
        `Final return for ${PROJECT}`
      );
      returnId = Number(new URL(officer.url()).pathname.split("/").pop());
      expect(await summaryValue(officer, "Status")).toBe("Submitted");
      expect(await summaryValue(officer, "Underspend")).toBe(UNDERSPEND);
      expect(await summaryValue(officer, "People reached")).toBe(
        FINAL_RETURN.beneficiaries
      );
      // Paid in full, so all of the underspend is asked back; nothing is left to release.
      expect(
        squash(await officer.locator(".govuk-inset-text").innerText())
      ).toBe(
        `Accepting this return asks the organisation to repay ${UNDERSPEND}.`
      );
      await ready(officer);
      await officer
        .getByRole("group", {
          name: "What do you want to do with this return?",
        })
        .getByLabel("Accept the return", { exact: true })
        .check();
      await officer.getByRole("button", { name: "Save review" }).click();

      await officer.waitForURL(
        (url) =>
          url.pathname === `/officer/returns/${returnId}` &&
          url.search === "?done=accept"
      );
      await expectHeading(officer, `Final return for ${PROJECT}`);
      await expectSuccessBanner(officer, "The return has been accepted.");
      expect(await summaryValue(officer, "Status")).toBe("Accepted");
      expect(
        await officer.getByRole("button", { name: "Save review" }).count()
      ).toBe(0);
      await expectNoSeriousAxeViolations(officer);

      await officer.getByRole("link", { name: "Back to awards" }).click();
      await arriveAt(officer, "/officer/awards", "Awards and monitoring");
      const after = await rowOf(officer, null, seeded.reference);
      expect(after[3]).toContain("Final Accepted");
      expect(after[5]).toBe(UNDERSPEND);
    }
  );

  step(
    "finance sees the repayment due on the award's ledger",
    () => finance,
    async () => {
      const financePath = `/finance/awards/${seeded.awardId}`;
      await finance.goto(financePath);
      await arriveAt(finance, financePath, `Payments for ${seeded.reference}`);
      const due = finance
        .getByRole("table", { name: "Ledger entries for this award" })
        .getByRole("row")
        .filter({ hasText: "Repayment due" });
      expect(await due.count()).toBe(1);
      const cells = (await due.getByRole("cell").allInnerTexts()).map(squash);
      expect(cells[2]).toBe("Repayment due");
      expect(cells[6]).toBe(UNDERSPEND);
    }
  );

  step(
    "finance's reconciliation for the fund and round shows the repayment due and flags it as not received",
    () => finance,
    async () => {
      await finance.goto("/finance/reconciliation");
      await arriveAt(finance, "/finance/reconciliation", "Reconciliation");
      await ready(finance);
      await finance
        .getByLabel("Fund", { exact: true })
        .selectOption({ label: seeded.fundName });
      await finance
        .getByLabel("Round", { exact: true })
        .selectOption({ label: `${seeded.fundName}: ${seeded.roundName}` });
      await finance
        .getByRole("button", { name: "Show the reconciliation" })
        .click();
      await finance.waitForURL((url) => {
        const q = url.searchParams;
        return (
          url.pathname === "/finance/reconciliation" &&
          q.get("fund") === String(seeded.fundId) &&
          q.get("round") === String(seeded.roundId)
        );
      });
      await expectHeading(finance, "Reconciliation");
      await expect
        .poll(() => finance.locator(".govuk-caption-l").innerText())
        .toContain(seeded.roundName);

      const figure = async (name: string) =>
        squash(
          await finance
            .locator(`main a[data-figure="${name}"]`)
            .evaluate((a) => a.firstChild?.textContent ?? "")
        );
      expect(await figure("committed")).toBe(GRANT);
      expect(await figure("paid")).toBe(GRANT);
      expect(await figure("outstanding")).toBe("£0.00");
      expect(await figure("repayment_due")).toBe(UNDERSPEND);
      expect(await figure("repaid")).toBe("£0.00");

      const flags = finance.getByRole("region", { name: "Flags" });
      const repayment = flags
        .getByRole("listitem")
        .filter({ hasText: "Repayment due but not received" });
      expect(await repayment.count()).toBe(1);
      expect(squash(await repayment.innerText())).toBe(
        `Repayment due but not received: ${seeded.reference} (${ORGANISATION}): ${UNDERSPEND} repayment due, £0.00 received, ${UNDERSPEND} still to come. See the entries behind this flag`
      );
      await expectNoSeriousAxeViolations(finance);
    }
  );

  step(
    "no page visited raised a JavaScript error",
    () => finance,
    async () => {
      expect(
        pageErrors,
        `uncaught errors in the browser:\n${browserLog.join("\n")}`
      ).toEqual([]);
    }
  );
});
