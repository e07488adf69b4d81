import { describe, expect, it } from "vitest";
import { NOTE_WORD_LIMIT, reviewFormSchema, variationDecisionSchema } from "~/domain/awards/monitoring";

// Found by fuzzing: an optional note on accepting a return or approving a change was held only to
// its word count, so 150,000 emoji (one "word") were stored and shown on every page with the note.
describe("an officer's optional note", () => {
  const huge = "😀".repeat(150_000);
  const message = `The note must be ${NOTE_WORD_LIMIT} words or fewer`;

  it.each([
    ["accepting a return", () => reviewFormSchema.safeParse({ decision: "accept", note: huge })],
    ["approving a change", () => variationDecisionSchema.safeParse({ decision: "approve", note: huge })],
  ])("is refused when far too long, %s", (_label, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["note", message]]);
  });

  it("may still be left out, or be a few words", () => {
    expect(reviewFormSchema.parse({ decision: "accept", note: "" })).toEqual({ decision: "accept", note: null });
    expect(variationDecisionSchema.parse({ decision: "approve", note: " Agreed with the panel. " })).toEqual({ decision: "approve", note: "Agreed with the panel." });
  });
});
