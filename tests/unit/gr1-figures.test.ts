/**
 * The demo's GR1 must tell the Police and Crime Panel exactly what the record says: 39 projects
 * awarded £208,254.93, 11 of them Drugs and Alcohol projects totalling £62,468.41.
 */
import { describe, expect, it } from "vitest";
import {
  DRUGS_AND_ALCOHOL_PROJECTS,
  GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE,
  GR1_OTHER_AWARDS_PENCE,
  GR1_PUBLISHED,
  gr1Entries,
  OTHER_FUNDED_PROJECTS,
} from "../../scripts/seed/gr1-data";

const sum = (list: readonly number[]) => list.reduce((total, n) => total + n, 0);

describe("GR1's fixed award amounts", () => {
  it("add up to the published total for 39 projects, to the penny", () => {
    const all = [...GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE, ...GR1_OTHER_AWARDS_PENCE];
    expect(all).toHaveLength(39);
    expect(sum(all)).toBe(20_825_493);
    expect(GR1_PUBLISHED.totalPence).toBe(20_825_493);
  });

  it("give 11 Drugs and Alcohol projects £62,468.41 between them", () => {
    expect(GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE).toHaveLength(11);
    expect(sum(GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE)).toBe(6_246_841);
  });

  it("are each whole pence, more than £0 and no more than the £8,000.00 cap", () => {
    for (const amount of [...GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE, ...GR1_OTHER_AWARDS_PENCE]) {
      expect(Number.isSafeInteger(amount)).toBe(true);
      expect(amount).toBeGreaterThan(0);
      expect(amount).toBeLessThanOrEqual(800_000);
    }
  });

  it("belong one to one to the funded projects", () => {
    expect(DRUGS_AND_ALCOHOL_PROJECTS).toHaveLength(GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE.length);
    expect(OTHER_FUNDED_PROJECTS).toHaveLength(GR1_OTHER_AWARDS_PENCE.length);
  });
});

describe("GR1's bids", () => {
  const entries = gr1Entries();
  const funded = entries.filter((e) => e.result === "funded");

  it("fund exactly the Drugs and Alcohol projects counted, and no others carry that tag", () => {
    const tagged = funded.filter((e) => e.project.tags.includes("Drugs and Alcohol"));
    expect(tagged).toHaveLength(11);
    expect(sum(tagged.map((e) => e.awardPence))).toBe(6_246_841);
    expect(funded).toHaveLength(39);
    expect(sum(funded.map((e) => e.awardPence))).toBe(20_825_493);
  });

  it("ask for no more than the cap, and a part award is less than was asked for", () => {
    for (const e of entries) {
      expect(e.requestedPence).toBeLessThanOrEqual(800_000);
      expect(e.awardPence).toBeLessThanOrEqual(e.requestedPence);
      if (e.funded?.partOf) expect(e.awardPence).toBeLessThan(e.requestedPence);
    }
  });

  it("include around 60 submissions, with unsuccessful and ineligible bids, from uniquely named organisations", () => {
    expect(entries.length).toBeGreaterThanOrEqual(55);
    expect(entries.filter((e) => e.result === "not_funded").length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.result === "ineligible").length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.project.organisation)).size).toBe(entries.length);
  });

  it("settle underspend only on projects that send a final return", () => {
    for (const e of funded) {
      if (e.funded?.underspendPence) {
        expect(e.funded.noFinalReturn).toBeFalsy();
        expect(e.funded.underspendPence).toBeLessThan(e.awardPence);
      }
    }
  });
});
