/**
 * Assessment and decisions in a real browser, from a closed round to the applicant seeing the
 * outcome. Two complete bids are submitted to the demo round GR8 while it is open and the round is
 * then closed, by tests/e2e/assessment-seed.ts (the app's own model functions, run against this
 * file's server database): one is the demo applicant's, the other a fictional community group's.
 * Then, in Chromium with JavaScript on:
 *
 *   1. the grants officer sets one assessor per bid, marks both bids eligible, assigns the demo
 *      assessor, and signs out;
 *   2. the applicant sees their bid under assessment, with no outcome yet;
 *   3. the assessor declares no conflict, scores every criterion with a comment, submits and sees
 *      the weighted score, for each bid;
 *   4. the officer signs in again, moderates one bid's score with a reason, funds the other in full,
 *      refuses the first with a reason and feedback, and releases the decisions;
 *   5. the applicant sees the outcome and feedback on their bid's page, and the outbox holds both
 *      decision emails.
 *
 * axe checks every page visited for serious or critical WCAG failures.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA } from "../../scripts/seed/west-yorkshire";
import {
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage,
  type Browser,
  type Page,
} from "../setup/browser";
import { startE2eServer, type E2eServer } from "../setup/e2e-server";
import { arriveAt, expectHeading, expectSuccessBanner, journeySteps, runSeedScript, ready, signIn } from "./journey-steps";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OFFICER = { email: "officer@example.org", name: "Priya Sharma" };
const ASSESSOR = { email: "assessor@example.org", name: "Tom Whitaker" };
const APPLICANT = {
  email: "applicant@example.org",
  contactEmail: "aisha@example.org",
};

/** What the seed script made (see assessment-seed.ts). */
type Seeded = {
  roundId: number;
  roundName: string;
  bids: {
    bidId: number;
    reference: string;
    applicantEmail: string;
    amountPence: number;
  }[];
};

/** A bid as the journey sees it. */
type JourneyBid = {
  bidId: number;
  reference: string;
  title: string;
  organisation: string;
  applicantEmail: string;
  /** One score per criterion, in the round's criteria order (DEFAULT_CRITERIA). */
  scores: number[];
  /** Filled in when the assessor opens it. */
  assessmentId?: number;
};

// The demo applicant's bid scores poorly and is refused; the community group's is funded in full.
const OWN_TITLE = "Calder Valley boxing after school";
const OTHER_TITLE = "Holbeck youth boxing nights";
const OWN_SCORES = [2, 2, 3, 2, 2, 3];
const OTHER_SCORES = [5, 4, 4, 3, 4, 5];
const MODERATED = {
  score: "52.5",
  shown: "52.5%",
  reason:
    "The panel agreed the safeguarding plan deserved more credit than the assessor gave it.",
};
const NOT_FUNDED = {
  code: "score_below_threshold",
  text: "Scored below the level needed for funding",
  feedback:
    "Show how sessions will reach young people referred by schools, and give attendance figures from your current sessions.",
};

let server: E2eServer;
let browser: Browser;
let seeded: Seeded;
let own: JourneyBid;
let other: JourneyBid;
let officer: Page;
let assessor: Page;
let applicant: Page;
const browserLog: string[] = [];
const step = journeySteps(() => server, browserLog);
/** The first step that failed: the later ones depend on it, so they are skipped rather than failed again. */

/** The expected weighted score, worked out here from the seeded criteria, to one decimal place as the portal shows it. */
function expectedWeighted(scores: number[]): string {
  const totalWeight = DEFAULT_CRITERIA.reduce((sum, c) => sum + c.weight, 0);
  const sum = DEFAULT_CRITERIA.reduce(
    (acc, c, i) => acc + (scores[i] / c.maxScore) * c.weight,
    0
  );
  return `${(Math.round((sum / totalWeight) * 10_000) / 100).toFixed(1)}%`;
}

function runSeed(databasePath: string): Promise<Seeded> {
  return runSeedScript<Seeded>("assessment-seed.ts", databasePath, ROOT);
}

async function signedInPage(): Promise<Page> {
  const page = await newPage(browser, server.baseUrl);
  page.on("console", (message) => {
    if (message.type() === "error")
      browserLog.push(`console.error at ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) =>
    browserLog.push(`page error at ${page.url()}: ${error.message}`)
  );
  return page;
}

beforeAll(async () => {
  server = await startE2eServer();
  // The server keeps its database beside its outbox, in its own temporary folder.
  const databasePath = path.join(path.dirname(server.outbox), "portal.db");
  if (!fs.existsSync(databasePath))
    throw new Error(`the e2e server's database is not at ${databasePath}`);
  seeded = await runSeed(databasePath);
  const [ownSeed, otherSeed] = seeded.bids;
  own = {
    ...ownSeed,
    title: OWN_TITLE,
    organisation: "Calder Valley Youth Boxing Club",
    scores: OWN_SCORES,
  };
  other = {
    ...otherSeed,
    title: OTHER_TITLE,
    organisation: "Holbeck Community Boxing",
    scores: OTHER_SCORES,
  };
  browser = await launchBrowser();
  officer = await signedInPage();
  assessor = await signedInPage();
  applicant = await signedInPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signOut(page: Page) {
  await page
    .getByRole("navigation", { name: "Menu" })
    .getByRole("button", { name: "Sign out" })
    .click();
  await page.waitForURL((url) => url.pathname === "/");
  await page
    .getByRole("navigation", { name: "Menu" })
    .getByRole("link", { name: "Sign in" })
    .waitFor();
  await expectNoSeriousAxeViolations(page);
}

/** The text cells of the table row holding this link or text. */
async function rowOf(
  page: Page,
  tableName: string | RegExp,
  cellText: string
): Promise<string[]> {
  const row = page
    .getByRole("table", { name: tableName })
    .getByRole("row")
    .filter({ hasText: cellText });
  await expect
    .poll(() => row.count(), {
      message: `one row with "${cellText}" in the table "${tableName}"`,
    })
    .toBe(1);
  return (await row.getByRole("cell").allInnerTexts()).map((t) =>
    t.replace(/\s+/g, " ").trim()
  );
}

/** The ranked list's link to a bid's decision page ("MSCF-GR8-0002: decide on this bid", the words after the reference visually hidden). */
function decideLink(bid: JourneyBid) {
  return officer.getByRole("link", {
    name: new RegExp(`^${bid.reference}\\s*: decide on this bid$`),
  });
}

// ---- the outbox -------------------------------------------------------------------------------

/** An .eml file's headers (unfolded) and its text body, decoded from quoted-printable or base64. */
function readMessage(file: string): { headers: string; body: string } {
  const raw = fs.readFileSync(file, "utf8");
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const encoded = raw.slice(split).trim();
  const encoding = /^Content-Transfer-Encoding: *(.+)$/im
    .exec(headers)?.[1]
    .trim()
    .toLowerCase();
  let body = encoded;
  if (encoding === "quoted-printable") {
    const bytes = encoded
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16))
      );
    body = Buffer.from(bytes, "latin1").toString("utf8");
  } else if (encoding === "base64") {
    body = Buffer.from(encoded.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  return { headers, body: body.replace(/\r\n/g, "\n") };
}

function decisionEmails(reference: string) {
  if (!fs.existsSync(server.outbox)) return [];
  return fs
    .readdirSync(server.outbox)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => readMessage(path.join(server.outbox, f)))
    .filter(
      (m) =>
        /^Subject: (.*)$/m.exec(m.headers)?.[1].trim() ===
        `Decision on your bid: ${reference}`
    );
}

// ---- the journey ------------------------------------------------------------------------------

describe("assessing a closed round, deciding and releasing the decisions", () => {
  step(
    "the seed submitted two bids to GR8 and closed it",
    () => officer,
    async () => {
      expect(seeded.roundName).toBe("Grant round 8");
      expect(seeded.bids.map((b) => b.reference)).toEqual([
        "MSCF-GR8-0001",
        "MSCF-GR8-0002",
      ]);
      expect(own.applicantEmail).toBe(APPLICANT.email);
    }
  );

  step(
    "the officer opens the closed round and sets one assessor per bid",
    () => officer,
    async () => {
      await signIn(
        officer,
        OFFICER.email,
        "/officer",
        "Grants officer dashboard"
      );
      await officer
        .getByRole("link", { name: seeded.roundName, exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}`,
        seeded.roundName
      );
      expect(await officer.getByText(/^This round closed on /).count()).toBe(1);
      for (const bid of [own, other]) {
        const cells = await rowOf(officer, "Submitted bids", bid.reference);
        expect(cells.slice(1, 3)).toEqual([bid.organisation, bid.title]);
        expect(cells[5]).toBe("Not checked");
      }

      // The demo has one assessor, and the round asks for two by default.
      await ready(officer, "form:has(#assessorsPerBid)");
      const perBid = officer.getByLabel("Assessors per bid", { exact: true });
      expect(await perBid.inputValue()).toBe("2");
      await perBid.fill("1");
      await officer.getByRole("button", { name: "Save settings" }).click();
      await officer.waitForURL((url) => url.search === "?settings=saved");
      await expectSuccessBanner(
        officer,
        "The assessment settings have been saved."
      );
      expect(
        await officer
          .getByLabel("Assessors per bid", { exact: true })
          .inputValue()
      ).toBe("1");
      await expectNoSeriousAxeViolations(officer);
    }
  );

  step(
    "the officer marks both bids eligible",
    () => officer,
    async () => {
      for (const bid of [own, other]) {
        await officer
          .getByRole("table", { name: "Submitted bids" })
          .getByRole("link", { name: bid.reference, exact: true })
          .click();
        await arriveAt(
          officer,
          `/officer/bids/${bid.bidId}`,
          `${bid.reference}: ${bid.title}`
        );
        await ready(officer, "form:has(input[name=eligibility])");
        await officer
          .getByRole("group", { name: "Is this bid eligible?" })
          .getByLabel("Eligible", { exact: true })
          .check();
        await officer.getByRole("button", { name: "Save eligibility" }).click();
        await officer.waitForURL(
          (url) =>
            url.pathname === `/officer/rounds/${seeded.roundId}` &&
            url.search === `?eligibility=${bid.bidId}`
        );
        await expectSuccessBanner(
          officer,
          `${bid.reference} has been recorded as eligible.`
        );
        expect((await rowOf(officer, "Submitted bids", bid.reference))[5]).toBe(
          "Eligible"
        );
        await expectNoSeriousAxeViolations(officer);
      }
    }
  );

  step(
    "the officer assigns the demo assessor to both bids and signs out",
    () => officer,
    async () => {
      await officer
        .getByRole("link", { name: "Assign assessors", exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/assign`,
        "Assign assessors"
      );
      const bidsGroup = officer.getByRole("group", {
        name: "Which eligible bids?",
      });
      // Bids short of assessors are ticked to begin with.
      for (const bid of [own, other]) {
        expect(
          await bidsGroup
            .getByLabel(
              `${bid.reference}: ${bid.title} (${bid.organisation})`,
              { exact: true }
            )
            .isChecked()
        ).toBe(true);
      }
      await ready(officer);
      await officer
        .getByRole("group", { name: "Which assessors?" })
        .getByLabel(ASSESSOR.name, { exact: true })
        .check();
      await officer.getByRole("button", { name: "Assign assessors" }).click();
      await officer.waitForURL((url) => url.search === "?assigned=2");
      await expectSuccessBanner(officer, "2 assignments have been made.");
      for (const bid of [own, other]) {
        const cells = await rowOf(
          officer,
          "Who is assigned to what",
          bid.reference
        );
        expect(cells.slice(1)).toEqual([
          `${ASSESSOR.name} (not started)`,
          "1 of 1",
        ]);
      }
      await expectNoSeriousAxeViolations(officer);
      await signOut(officer);
    }
  );

  step(
    "before release, the applicant sees the bid under assessment and no outcome",
    () => applicant,
    async () => {
      await signIn(
        applicant,
        APPLICANT.email,
        "/applications",
        "Your applications"
      );
      await applicant
        .getByRole("link", { name: own.title, exact: true })
        .click();
      await arriveAt(applicant, `/applications/${own.bidId}`, own.title);
      expect(
        await applicant.getByText("Under assessment", { exact: true }).count()
      ).toBe(1);
      expect(
        await applicant.getByRole("heading", { name: "Decision" }).count()
      ).toBe(0);
    }
  );

  step(
    "the assessor declares no conflict, scores every criterion with a comment and submits each bid",
    () => assessor,
    async () => {
      await signIn(assessor, ASSESSOR.email, "/assess", "Your assessments");
      await assessor.getByRole("table", { name: "To do (2)" }).waitFor();

      for (const bid of [own, other]) {
        await assessor
          .getByRole("link", {
            name: `${bid.reference}: ${bid.title}`,
            exact: true,
          })
          .click();
        await arriveAt(assessor, /^\/assess\/\d+$/, "Conflict of interest");
        bid.assessmentId = Number(
          new URL(assessor.url()).pathname.split("/").pop()
        );
        // Only who the bid is from until the question is answered: none of its answers.
        expect(await assessor.getByRole("main").innerText()).not.toContain(
          "Need and activities"
        );
        await ready(assessor);
        await assessor
          .getByRole("group", {
            name: "Do you have a conflict of interest with this bid or the organisation?",
          })
          .getByLabel("No", { exact: true })
          .check();
        await assessor.getByRole("button", { name: "Continue" }).click();

        await arriveAt(
          assessor,
          `/assess/${bid.assessmentId}/score`,
          bid.title
        );
        const criteria = (
          await assessor.locator("main form h3").allInnerTexts()
        ).map((t) => t.trim());
        expect(criteria).toEqual(DEFAULT_CRITERIA.map((c) => c.name));
        await ready(assessor);
        for (const [i, criterion] of DEFAULT_CRITERIA.entries()) {
          await assessor
            .getByRole("group", {
              name: `Score from 0 to ${criterion.maxScore} for ${criterion.name}`,
              exact: true,
            })
            .getByLabel(String(bid.scores[i]), { exact: true })
            .check();
          await assessor
            .getByLabel(`Comment on ${criterion.name}`, { exact: true })
            .fill(
              `Scored ${
                bid.scores[i]
              } for ${criterion.name.toLowerCase()}: the bid's answers support it.`
            );
        }
        await assessor
          .getByRole("button", { name: "Submit assessment" })
          .click();

        await assessor.waitForURL(
          (url) =>
            url.pathname === `/assess/${bid.assessmentId}/score` &&
            url.search === "?submitted=1"
        );
        await expectHeading(assessor, bid.title);
        await expectSuccessBanner(
          assessor,
          "Your assessment has been submitted."
        );
        const weighted = expectedWeighted(bid.scores);
        expect(
          await assessor.locator(".govuk-inset-text").innerText()
        ).toContain(`Your weighted score is ${weighted}.`);
        // Locked: no form any more.
        expect(
          await assessor
            .getByRole("button", { name: "Submit assessment" })
            .count()
        ).toBe(0);
        await expectNoSeriousAxeViolations(assessor);

        await assessor
          .getByRole("link", { name: "Back to your assessments" })
          .click();
        await arriveAt(assessor, "/assess", "Your assessments");
      }
      expect(
        await assessor
          .getByRole("table", { name: "Submitted (2)" })
          .getByText("Submitted", { exact: true })
          .count()
      ).toBe(2);
      expect(
        await assessor.getByRole("table", { name: /^To do/ }).count()
      ).toBe(0);
    }
  );

  step(
    "the officer signs in again and moderates the demo applicant's bid with a reason",
    () => officer,
    async () => {
      await signIn(
        officer,
        OFFICER.email,
        "/officer",
        "Grants officer dashboard"
      );
      await officer
        .getByRole("link", { name: seeded.roundName, exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}`,
        seeded.roundName
      );
      for (const bid of [own, other])
        expect((await rowOf(officer, "Submitted bids", bid.reference))[7]).toBe(
          "1 of 1 scored"
        );

      await officer
        .getByRole("link", { name: "Compare scores and moderate", exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/moderation`,
        "Compare scores and moderate"
      );
      // Best first; one assessor each, so no spread and nothing flagged.
      const ranked = await officer
        .getByRole("table", { name: "Scores by bid, in ranking order" })
        .getByRole("row")
        .allInnerTexts();
      expect(ranked.slice(1).map((r) => r.split(/\s/)[0])).toEqual([
        other.reference,
        own.reference,
      ]);
      const ownRow = await rowOf(
        officer,
        "Scores by bid, in ranking order",
        own.reference
      );
      expect(ownRow.slice(1, 6)).toEqual([
        `${ASSESSOR.name}: ${expectedWeighted(own.scores)}`,
        expectedWeighted(own.scores),
        "0 points",
        "Not needed",
        "None",
      ]);

      await officer
        .getByRole("link", {
          name: `Moderate the score of ${own.reference}`,
          exact: true,
        })
        .click();
      await arriveAt(
        officer,
        `/officer/bids/${own.bidId}/moderate`,
        "Moderate the score"
      );
      await ready(officer);
      await officer
        .getByLabel("Moderated score, as a percentage")
        .fill(MODERATED.score);
      await officer
        .getByLabel("Reason for the moderated score")
        .fill(MODERATED.reason);
      await officer
        .getByRole("button", { name: "Save moderated score" })
        .click();

      await officer.waitForURL(
        (url) =>
          url.pathname === `/officer/rounds/${seeded.roundId}/moderation` &&
          url.search === `?moderated=${own.bidId}`
      );
      await expectSuccessBanner(
        officer,
        `${own.reference} now has a moderated score of ${MODERATED.shown}.`
      );
      expect(
        (
          await rowOf(officer, "Scores by bid, in ranking order", own.reference)
        )[5]
      ).toBe(MODERATED.shown);
      await expectNoSeriousAxeViolations(officer);
    }
  );

  step(
    "the officer funds one bid in full and refuses the other with a reason and feedback",
    () => officer,
    async () => {
      await officer
        .getByRole("link", { name: seeded.roundName, exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}`,
        seeded.roundName
      );
      await officer
        .getByRole("link", { name: "Decisions", exact: true })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/decisions`,
        "Funding decisions"
      );
      const table = /^Eligible bids, best score first/;
      // The moderated score ranks the bid.
      const ownRanked = await rowOf(officer, table, own.reference);
      expect([ownRanked[0], ownRanked[2]]).toEqual(["2", MODERATED.shown]);
      expect((await rowOf(officer, table, other.reference))[2]).toBe(
        expectedWeighted(other.scores)
      );

      // Fund in full.
      await decideLink(other).click();
      await arriveAt(
        officer,
        `/officer/bids/${other.bidId}/decision`,
        `Decision on ${other.reference}`
      );
      await ready(officer);
      await officer.getByLabel("Fund in full", { exact: true }).check();
      await officer.getByRole("button", { name: "Save decision" }).click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/decisions`,
        "Funding decisions"
      );
      expect((await rowOf(officer, table, other.reference))[5]).toBe(
        "Fund in full: £6,000.00"
      );

      // Not funded, with a reason code and feedback.
      await decideLink(own).click();
      await arriveAt(
        officer,
        `/officer/bids/${own.bidId}/decision`,
        `Decision on ${own.reference}`
      );
      await ready(officer);
      await officer.getByLabel("Not funded", { exact: true }).check();
      const reason = officer.getByLabel("Reason", { exact: true });
      await reason.waitFor({ state: "visible" });
      await reason.selectOption(NOT_FUNDED.code);
      await officer
        .getByLabel("Feedback for the applicant")
        .fill(NOT_FUNDED.feedback);
      // The page with its conditional questions showing.
      await expectNoSeriousAxeViolations(officer);
      await officer.getByRole("button", { name: "Save decision" }).click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/decisions`,
        "Funding decisions"
      );
      expect((await rowOf(officer, table, own.reference))[5]).toBe(
        "Not funded"
      );

      const summary = (
        await officer.locator(".govuk-summary-list").first().innerText()
      ).replace(/\s+/g, " ");
      expect(summary).toContain("Committed £6,000.00");
      expect(summary).toContain("Bids without a decision 0");
    }
  );

  step(
    "the officer checks what applicants will be told and releases the decisions",
    () => officer,
    async () => {
      await officer
        .getByRole("link", {
          name: "Release decisions to applicants",
          exact: true,
        })
        .click();
      await arriveAt(
        officer,
        `/officer/rounds/${seeded.roundId}/release`,
        "Release decisions to applicants"
      );
      const told = "What applicants will be told";
      expect(await rowOf(officer, told, other.reference)).toEqual([
        `${other.reference}, ${other.organisation}`,
        "Fund in full",
        "£6,000.00",
        "",
      ]);
      expect(await rowOf(officer, told, own.reference)).toEqual([
        `${own.reference}, ${own.organisation}`,
        "Not funded",
        "£0.00",
        NOT_FUNDED.feedback,
      ]);

      await ready(officer);
      await officer
        .getByRole("button", { name: "Release decisions and email applicants" })
        .click();
      await officer.waitForURL(
        (url) =>
          url.pathname === `/officer/rounds/${seeded.roundId}/release` &&
          url.search === "?sent=2&failed=0"
      );
      await expectSuccessBanner(officer, "Decisions released. 2 emails sent.");
      await officer.getByText(/^Decisions were released on /).waitFor();
      await officer
        .getByRole("table", { name: "What applicants were told" })
        .waitFor();
      expect(
        await officer
          .getByRole("button", {
            name: "Release decisions and email applicants",
          })
          .count()
      ).toBe(0);
      await expectNoSeriousAxeViolations(officer);
    }
  );

  step(
    "after release, the applicant sees the outcome and feedback on their bid's page",
    () => applicant,
    async () => {
      await applicant.reload();
      await expectHeading(applicant, own.title);
      await applicant
        .getByRole("heading", { level: 2, name: "Decision", exact: true })
        .waitFor();
      const decision = applicant.getByRole("region", { name: "Decision" });
      expect(
        await decision.getByText("Your bid has not been funded.").count()
      ).toBe(1);
      const rows = (await decision.locator(".govuk-summary-list").innerText())
        .replace(/\s+/g, " ")
        .trim();
      expect(rows).toContain(`Reason ${NOT_FUNDED.text}`);
      expect(rows).toContain(`Feedback ${NOT_FUNDED.feedback}`);
      // Neither the score nor the moderation reason is shown to the applicant.
      const main = await applicant.getByRole("main").innerText();
      expect(main).not.toContain(MODERATED.reason);
      expect(main).not.toContain(MODERATED.shown);
      await expectNoSeriousAxeViolations(applicant);
    }
  );

  step(
    "the outbox holds one decision email for each bid",
    () => applicant,
    async () => {
      const refused = decisionEmails(own.reference);
      expect(
        refused,
        `one "Decision on your bid: ${own.reference}" message in ${server.outbox}`
      ).toHaveLength(1);
      const to = /^To: (.*)$/m.exec(refused[0].headers)?.[1] ?? "";
      expect(to).toContain(APPLICANT.email);
      expect(to).toContain(APPLICANT.contactEmail);
      const body = refused[0].body.replace(/\s+/g, " ");
      expect(body).toContain("has not been funded");
      expect(body).toContain(`Reason: ${NOT_FUNDED.text}`);
      expect(body).toContain(NOT_FUNDED.feedback);
      expect(body).toContain(`${server.baseUrl}/applications/${own.bidId}`);
      expect(body).not.toContain(MODERATED.reason);

      const funded = decisionEmails(other.reference);
      expect(
        funded,
        `one "Decision on your bid: ${other.reference}" message in ${server.outbox}`
      ).toHaveLength(1);
      expect(/^To: (.*)$/m.exec(funded[0].headers)?.[1] ?? "").toContain(
        other.applicantEmail
      );
      expect(funded[0].body.replace(/\s+/g, " ")).toContain(
        "has been awarded £6,000.00"
      );
    }
  );
});
