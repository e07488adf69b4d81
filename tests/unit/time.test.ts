import { describe, expect, it } from "vitest";
import { formatLondonDateTime, instantToLondonWallClock, isIsoDate, londonWallClockToInstant } from "~/domain/time/london";
import { roundStatus } from "~/domain/rounds/round-status";

describe("UK time", () => {
  it("reads a summer deadline as British Summer Time", () => {
    expect(londonWallClockToInstant("2026-07-01", "17:00").toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("reads a winter deadline as Greenwich Mean Time", () => {
    expect(londonWallClockToInstant("2026-01-30", "17:00").toISOString()).toBe("2026-01-30T17:00:00.000Z");
  });

  it("shows a stored instant in UK time", () => {
    expect(formatLondonDateTime(new Date("2026-07-01T16:00:00Z"))).toBe("Wednesday 1 July 2026 at 5:00pm");
    expect(instantToLondonWallClock(new Date("2026-03-29T01:30:00Z"))).toEqual({ date: "2026-03-29", time: "02:30" });
  });

  it("knows real dates from impossible ones", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
  });
});

describe("round status", () => {
  const round = { opensAt: new Date("2026-11-01T09:00:00Z"), closesAt: new Date("2026-12-31T17:00:00Z") };
  it("is upcoming before it opens, open until the closing instant, and closed from that instant", () => {
    expect(roundStatus(round, new Date("2026-11-01T08:59:59Z"))).toBe("upcoming");
    expect(roundStatus(round, new Date("2026-11-01T09:00:00Z"))).toBe("open");
    expect(roundStatus(round, new Date("2026-12-31T16:59:59.999Z"))).toBe("open");
    expect(roundStatus(round, new Date("2026-12-31T17:00:00Z"))).toBe("closed");
  });
});
