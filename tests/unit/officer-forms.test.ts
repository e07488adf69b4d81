import { describe, expect, it } from "vitest";
import { zodErrorsToFields } from "~/utils/forms";
import { assignmentSchema, eligibilitySchema, formatPoints, moderationSchema, percentageInput, roundSettingsSchema } from "~/components/officer/forms";

describe("the eligibility form", () => {
  it("keeps a reason only for an ineligible bid", () => {
    expect(eligibilitySchema.parse({ eligibility: "eligible", reason: "typed then changed my mind" })).toEqual({ eligible: true, reason: null });
    expect(eligibilitySchema.parse({ eligibility: "not_eligible", reason: " Outside the area " })).toEqual({ eligible: false, reason: "Outside the area" });
  });

  it("asks for a choice, and a reason when not eligible", () => {
    expect(eligibilitySchema.safeParse({}).error?.issues[0].message).toBe("Select whether the bid is eligible");
    expect(eligibilitySchema.safeParse({ eligibility: "maybe" }).error?.issues[0].message).toBe("Select whether the bid is eligible");
    expect(eligibilitySchema.safeParse({ eligibility: "not_eligible", reason: "   " }).error?.issues[0]).toMatchObject({ path: ["reason"], message: "Enter why the bid is not eligible" });
  });
});

describe("the assignment form", () => {
  it("reads one or several ticked boxes as ids, dropping anything that is not one", () => {
    expect(assignmentSchema.parse({ bidIds: "4", assessorIds: ["7", "8", "x"] })).toEqual({ bidIds: [4], assessorIds: [7, 8] });
  });

  it("asks for at least one of each", () => {
    const issues = assignmentSchema.safeParse({}).error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["bidIds", "Select at least one bid"],
      ["assessorIds", "Select at least one assessor"],
    ]);
  });
});

describe("the round settings form", () => {
  it("accepts 1-5 assessors and a 0-100 point threshold", () => {
    expect(roundSettingsSchema.parse({ assessorsPerBid: "1", moderationThreshold: "0" })).toEqual({ assessorsPerBid: 1, moderationThreshold: 0 });
    expect(roundSettingsSchema.parse({ assessorsPerBid: " 5 ", moderationThreshold: "100" })).toEqual({ assessorsPerBid: 5, moderationThreshold: 100 });
  });

  it("asks for a missing value before saying what it must be", () => {
    expect(zodErrorsToFields(roundSettingsSchema.safeParse({ assessorsPerBid: "", moderationThreshold: "" }).error!)).toEqual({
      assessorsPerBid: "Enter how many assessors each bid needs",
      moderationThreshold: "Enter the moderation threshold",
    });
  });

  it.each([
    ["0", "20", "assessorsPerBid"],
    ["6", "20", "assessorsPerBid"],
    ["2.5", "20", "assessorsPerBid"],
    ["2", "101", "moderationThreshold"],
    ["2", "-1", "moderationThreshold"],
    ["2", "", "moderationThreshold"],
  ])("refuses %s assessors with a %s point threshold", (assessorsPerBid, moderationThreshold, field) => {
    const result = roundSettingsSchema.safeParse({ assessorsPerBid, moderationThreshold });
    expect(Object.keys(zodErrorsToFields(result.error!))).toEqual([field]);
  });
});

describe("the moderation form", () => {
  it("reads the score as hundredths of a percent", () => {
    expect(moderationSchema.parse({ score: "72.5", reason: "Agreed at panel" })).toEqual({ score: 7250, reason: "Agreed at panel" });
    expect(moderationSchema.parse({ score: "100%", reason: "x" }).score).toBe(10_000);
  });

  it("needs a score that is a percentage, and a reason", () => {
    const messages = (input: Record<string, string>) => moderationSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages({ score: "", reason: "" })).toEqual(["Enter the moderated score", "Enter the reason for the moderated score"]);
    expect(messages({ score: "101", reason: "x" })).toEqual(["Enter the moderated score as a percentage from 0 to 100, like 72.5"]);
  });
});

describe("showing scores", () => {
  it("shows a spread to the hundredth, so a spread just over the threshold never looks equal to it", () => {
    expect(formatPoints(2000)).toBe("20 points");
    expect(formatPoints(2001)).toBe("20.01 points");
    expect(formatPoints(2010)).toBe("20.1 points");
    expect(formatPoints(100)).toBe("1 point");
    expect(formatPoints(0)).toBe("0 points");
    expect(formatPoints(null)).toBe("Not scored");
  });

  it("puts a stored score back in the form as it would be typed", () => {
    expect(percentageInput(7250)).toBe("72.5");
    expect(percentageInput(7225)).toBe("72.25");
    expect(percentageInput(10_000)).toBe("100");
    expect(percentageInput(null)).toBe("");
  });
});
