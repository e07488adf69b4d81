import { describe, expect, it } from "vitest";
import { ANONYMISED_MARKER, anonymiseBidJson, anonymiseText } from "~/domain/data-rights/anonymise";
import { DEFAULT_RETENTION_MONTHS, retentionCutoff, retentionMonthsFrom, retentionSettingSchema } from "~/domain/data-rights/retention";
import { countEntries, PERSONAL_DATA_SOURCES } from "~/domain/data-rights/sources";
import { findPersonSchema } from "~/domain/data-rights/subject-access";

describe("the retention cut-off", () => {
  it("is the same day and time the given number of calendar months earlier", () => {
    expect(retentionCutoff(new Date("2026-11-23T10:15:00Z"), 24).toISOString()).toBe("2024-11-23T10:15:00.000Z");
    expect(retentionCutoff(new Date("2026-01-15T00:00:00Z"), 1).toISOString()).toBe("2025-12-15T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-03-01T09:00:00Z"), 120).toISOString()).toBe("2016-03-01T09:00:00.000Z");
  });

  it("lands on the last day of a shorter month rather than spilling into the next", () => {
    expect(retentionCutoff(new Date("2026-03-31T12:00:00Z"), 1).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(retentionCutoff(new Date("2028-02-29T12:00:00Z"), 24).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(retentionCutoff(new Date("2026-05-31T12:00:00Z"), 27).toISOString()).toBe("2024-02-29T12:00:00.000Z");
  });
});

describe("the retention setting", () => {
  const parse = (months: string) => retentionSettingSchema.safeParse({ months });
  const message = (months: string) => {
    const result = parse(months);
    return result.success ? undefined : result.error.issues[0].message;
  };

  it("takes a whole number of months from 1 to 120", () => {
    expect(parse("1")).toEqual({ success: true, data: { months: 1 } });
    expect(parse(" 24 ")).toEqual({ success: true, data: { months: 24 } });
    expect(parse("120")).toEqual({ success: true, data: { months: 120 } });
  });

  it("refuses anything else with a GOV.UK-style message", () => {
    expect(message("")).toBe("Enter the retention period in months");
    expect(message("0")).toBe("The retention period must be between 1 and 120 months");
    expect(message("121")).toBe("The retention period must be between 1 and 120 months");
    expect(message("1.5")).toBe("The retention period must be a whole number of months, like 24");
    expect(message("-3")).toBe("The retention period must be a whole number of months, like 24");
    expect(message("two years")).toBe("The retention period must be a whole number of months, like 24");
    expect(retentionSettingSchema.safeParse({}).success).toBe(false);
  });

  it("falls back to the default when the stored value is missing or not a valid number of months", () => {
    expect(retentionMonthsFrom(undefined)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsFrom("36")).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsFrom(0)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsFrom(6.5)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsFrom(36)).toBe(36);
  });
});

describe("anonymising a bid's answers", () => {
  const typed = {
    project: { title: "Holbeck youth boxing nights", summary: "Run by Jo Bloggs, who lives on Holbeck Moor Road." },
    need: { need: "Need text naming Sam Smith", activities: "Activities" },
    priorities: { priorityIds: ["1"], themeIds: [], tagIds: ["4", "7"] },
    area: { districtIds: ["3"], wards: "Beeston and Holbeck" },
    beneficiaries: { beneficiaryCount: "60", ageGroups: ["11_17", "18_25"] },
    dates: { startsOnDay: "1", startsOnMonth: "4", startsOnYear: "2026", endsOnDay: "31", endsOnMonth: "3", endsOnYear: "2027" },
    budget: { amountRequested: "8,000.00", "lines.0.item": "Coach fees for Jo Bloggs", "lines.0.cost": "8000", otherFunding: "" },
    outcomes: { "outcomes.0.outcomeId": "2", "outcomes.0.target": "40", "outcomes.0.measure": "Registers kept by Sam Smith" },
    safeguarding: { hasPolicy: "yes", leadName: "Jo Bloggs", declarations: ["accurate", "purpose", "checks"] },
  };

  it("replaces every written answer but the title, and keeps choices, numbers, amounts and dates", () => {
    const out = anonymiseBidJson(typed);
    expect(JSON.stringify(out)).not.toMatch(/Jo Bloggs|Sam Smith|Holbeck Moor|Beeston/);
    expect(out.project).toEqual({ title: "Holbeck youth boxing nights", summary: ANONYMISED_MARKER });
    expect(out.need).toEqual({ need: ANONYMISED_MARKER, activities: ANONYMISED_MARKER });
    expect(out.priorities).toEqual(typed.priorities);
    expect(out.area).toEqual({ districtIds: ["3"], wards: ANONYMISED_MARKER });
    expect(out.beneficiaries).toEqual(typed.beneficiaries);
    expect(out.dates).toEqual(typed.dates);
    expect(out.budget).toEqual({ amountRequested: "8,000.00", "lines.0.item": ANONYMISED_MARKER, "lines.0.cost": "8000", otherFunding: "" });
    expect(out.outcomes).toEqual({ "outcomes.0.outcomeId": "2", "outcomes.0.target": "40", "outcomes.0.measure": ANONYMISED_MARKER });
    expect(out.safeguarding).toEqual({ hasPolicy: "yes", leadName: ANONYMISED_MARKER, declarations: ["accurate", "purpose", "checks"] });
  });

  it("removes the organisation's address and contact from a frozen submission but keeps who it was", () => {
    const submitted = {
      answers: { budget: { amountRequestedPence: 800000, lines: [{ item: "Coach fees for Jo Bloggs", costPence: 800000 }], otherFunding: "A grant from Sam Smith" } },
      typed,
      organisation: {
        name: "Calder Valley Youth Boxing Club",
        organisationId: 7,
        type: "registered_charity",
        charityNumber: "1000001",
        companyNumber: null,
        addressLine1: "1 Mill Street",
        addressLine2: null,
        town: "Leeds",
        postcode: "LS1 1UR",
        annualIncomePence: 4500000,
        contactName: "Aisha Khan",
        contactEmail: "aisha@example.org",
        contactPhone: "0113 496 0000",
      },
      submittedAt: "2026-04-01T10:00:00.000Z",
    };
    const out = anonymiseBidJson(submitted);
    expect(JSON.stringify(out)).not.toMatch(/Aisha|aisha@|0113|Mill Street|LS1|Jo Bloggs|Sam Smith/);
    expect(out.organisation).toMatchObject({ name: "Calder Valley Youth Boxing Club", organisationId: 7, type: "registered_charity", charityNumber: "1000001", annualIncomePence: 4500000, contactEmail: ANONYMISED_MARKER });
    expect(out.answers.budget).toEqual({ amountRequestedPence: 800000, lines: [{ item: ANONYMISED_MARKER, costPence: 800000 }], otherFunding: ANONYMISED_MARKER });
    expect(out.submittedAt).toBe(submitted.submittedAt);
  });

  it("removes a field it has never heard of, so a new question is never kept by mistake", () => {
    expect(anonymiseBidJson({ newSection: { volunteerName: "Pat Jones", count: 3 } })).toEqual({ newSection: { volunteerName: ANONYMISED_MARKER, count: 3 } });
  });

  it("is idempotent", () => {
    const once = anonymiseBidJson(typed);
    expect(anonymiseBidJson(once)).toEqual(once);
  });

  it("replaces staff's written text only when there was some", () => {
    expect(anonymiseText("Jo Bloggs lacks a DBS check")).toBe(ANONYMISED_MARKER);
    expect(anonymiseText(null)).toBeNull();
    expect(anonymiseText("")).toBe("");
  });
});

describe("the personal data download's parts", () => {
  it("each has a title and an explanation", () => {
    for (const source of PERSONAL_DATA_SOURCES) {
      expect(source.title.length).toBeGreaterThan(3);
      expect(source.explanation.length).toBeGreaterThan(40);
    }
    expect(new Set(PERSONAL_DATA_SOURCES.map((s) => s.key)).size).toBe(PERSONAL_DATA_SOURCES.length);
  });

  it("are counted as an administrator would read them", () => {
    expect(countEntries(null)).toBe(0);
    expect(countEntries([1, 2, 3])).toBe(3);
    expect(countEntries({ name: "A person", twoFactorSignIn: null })).toBe(1);
    expect(countEntries({ codesMade: 10, usedAt: [] })).toBe(1);
    expect(countEntries({ assessments: [1, 2], decisions: [3] })).toBe(3);
    expect(countEntries({ toYou: { staff: [1], organisation: [2, 3] }, byYou: { staff: [], organisation: [4] } })).toBe(4);
    expect(countEntries({ toYou: [], byYou: [] })).toBe(0);
  });

  it("finds a person by a well-formed email address, whatever its case", () => {
    expect(findPersonSchema.parse({ email: " Aisha@Example.org " })).toEqual({ email: "aisha@example.org" });
    expect(findPersonSchema.safeParse({ email: "" }).error?.issues[0].message).toBe("Enter the email address of the person who asked");
    expect(findPersonSchema.safeParse({ email: "aisha" }).error?.issues[0].message).toBe("Enter an email address in the correct format, like name@example.org");
  });
});
