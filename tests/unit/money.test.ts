import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPence, parsePounds, penceToInput } from "~/domain/money/money";

describe("money", () => {
  it("shows pence as pounds the way people read them", () => {
    expect(formatPence(800_000)).toBe("£8,000.00");
    expect(formatPence(20_825_493)).toBe("£208,254.93");
    expect(formatPence(1)).toBe("£0.01");
    expect(formatPence(0)).toBe("£0.00");
  });

  it("refuses to format a fraction of a penny", () => {
    expect(() => formatPence(0.5)).toThrow();
  });

  it.each([
    ["8000", 800_000],
    ["£8,000.00", 800_000],
    ["8,000.01", 800_001],
    ["8000.5", 800_050],
    [" 62468.41 ", 6_246_841],
    ["0", 0],
  ])("reads %j as %i pence", (typed, pence) => {
    expect(parsePounds(typed)).toBe(pence);
  });

  it.each(["8k", "-5", "8.001", "£", "", "1e5", "8,00", "eight"])("does not read %j as money", (typed) => {
    expect(parsePounds(typed)).toBeNull();
  });

  it("reads back exactly what it shows, for any amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (pence) => {
        expect(parsePounds(formatPence(pence))).toBe(pence);
        expect(parsePounds(penceToInput(pence))).toBe(pence);
      }),
    );
  });
});
