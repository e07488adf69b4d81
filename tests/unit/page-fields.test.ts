import { describe, expect, it } from "vitest";
import { MAX_TYPED_CHARS, pageAnswers, tooLongAnswer } from "~/domain/bids/page-fields";

describe("a bid page's kept answers", () => {
  it("keeps only the page's own fields", () => {
    expect(pageAnswers("area", { districtIds: ["4"], wards: "Holbeck", status: "awarded" })).toEqual({ districtIds: ["4"], wards: "Holbeck" });
  });

  it("finds an answer longer than any page allows, even one that is only whitespace (which a schema trims to nothing)", () => {
    expect(tooLongAnswer({ wards: "\r\n".repeat(MAX_TYPED_CHARS) })).toBe("wards");
    expect(tooLongAnswer({ districtIds: ["4", "x".repeat(MAX_TYPED_CHARS + 1)] })).toBe("districtIds");
    expect(tooLongAnswer({ wards: "x".repeat(MAX_TYPED_CHARS) })).toBeUndefined();
  });
});
