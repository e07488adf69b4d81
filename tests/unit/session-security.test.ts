/** The pure rules behind per-address throttling, the sign-out warning and kept answers. */
import { describe, expect, it } from "vitest";
import { addressKey, bucketFor, parseLimit, retryAfterSeconds, throttledMessage } from "~/domain/accounts/address-throttle";
import { fieldLabel, isKeptField, isListedField, resendAddress } from "~/domain/accounts/kept-answers";
import { announcementText, countdownText } from "~/domain/accounts/session-timeout";

describe("throttle settings", () => {
  it("reads attempts per window, or off", () => {
    expect(parseLimit("20/10m")).toEqual({ max: 20, windowMs: 600_000 });
    expect(parseLimit(" 5 / 1h ")).toEqual({ max: 5, windowMs: 3_600_000 });
    expect(parseLimit("100/30s")).toEqual({ max: 100, windowMs: 30_000 });
    expect(parseLimit("OFF")).toBe("off");
  });

  it("refuses anything else, so a typo fails at start-up instead of opening the door", () => {
    for (const bad of ["", "20", "20/10", "0/10m", "20/0m", "20/10d", "-1/10m", "twenty/10m", "20/10m extra"]) {
      expect(parseLimit(bad), bad).toBeNull();
    }
  });
});

describe("the address an attempt is counted under", () => {
  it("is an IPv4 address as it is, however it reached the socket", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::FFFF:cb00:7107")).toBe("203.0.113.7");
  });

  it("is an IPv6 address's /64, since one home or office is given a whole /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2::FFFF")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("is 'unknown' when there is no address, or not a real one, so the limit still holds", () => {
    expect(addressKey(undefined)).toBe("unknown");
    expect(addressKey("")).toBe("unknown");
    expect(addressKey("not-an-address")).toBe("unknown");
    expect(addressKey("1:2:3:4:5:6:7:8:9")).toBe("unknown");
    expect(addressKey("1::2::3")).toBe("unknown");
    expect(bucketFor("sign-up", undefined)).toBe("sign-up:unknown");
    expect(bucketFor("sign-in", "198.51.100.1")).toBe("sign-in:198.51.100.1");
  });
});

describe("when to try again", () => {
  it("Retry-After is whole seconds, rounded up, and never 0", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(retryAfterSeconds(new Date("2026-11-23T10:09:30.200Z"), now)).toBe(571);
    expect(retryAfterSeconds(now, now)).toBe(1);
  });

  it("the message gives the time in the UK, rounded up to the minute so it is never too early", () => {
    expect(throttledMessage(new Date("2026-11-23T10:09:30Z"))).toBe(
      "There have been too many attempts from your network. Try again after Monday 23 November 2026 at 10:10am",
    );
    expect(throttledMessage(new Date("2026-07-01T16:00:00Z"))).toMatch(/Wednesday 1 July 2026 at 5:00pm$/);
  });
});

describe("the sign-out warning's words", () => {
  it("counts down in minutes, then seconds in the last minute", () => {
    expect(countdownText(5 * 60_000)).toBe("5 minutes");
    expect(countdownText(4 * 60_000 + 1)).toBe("5 minutes");
    expect(countdownText(61_000)).toBe("2 minutes");
    expect(countdownText(60_000)).toBe("60 seconds");
    expect(countdownText(1_000)).toBe("1 second");
    expect(countdownText(-5)).toBe("0 seconds");
  });

  it("a screen reader hears it once a minute, then every 20 seconds", () => {
    const heard = new Set<string>();
    for (let ms = 5 * 60_000; ms > 0; ms -= 1000) heard.add(announcementText(ms));
    expect([...heard]).toEqual([
      "We will sign you out in 5 minutes.",
      "We will sign you out in 4 minutes.",
      "We will sign you out in 3 minutes.",
      "We will sign you out in 2 minutes.",
      "We will sign you out in 1 minute.",
      "We will sign you out in 40 seconds.",
      "We will sign you out in 20 seconds.",
    ]);
  });
});

describe("kept answers", () => {
  it("never keep passwords, codes, tokens or secrets", () => {
    for (const name of ["password", "currentPassword", "confirmPassword", "token", "csrfToken", "_csrf", "totpSecret", "otp"]) expect(isKeptField(name), name).toBe(false);
    for (const name of ["name", "summary", "lines.0.cost", "intent", "sortCode", "code", "postcode"]) expect(isKeptField(name), name).toBe(true);
  });

  it("list what was typed, not blank fields or which button was pressed", () => {
    expect(isListedField("summary", "Boxing sessions")).toBe(true);
    expect(isListedField("summary", "  ")).toBe(false);
    expect(isListedField("intent", "save")).toBe(false);
  });

  it("name each field in words", () => {
    expect(fieldLabel("organisationName")).toBe("Organisation name");
    expect(fieldLabel("lines.0.cost")).toBe("Lines 1 cost");
    expect(fieldLabel("startsOnDay")).toBe("Starts on day");
    expect(fieldLabel("addressLine1")).toBe("Address line1");
  });

  it("are sent again to their own address, aimed at an index route's action if there is one", () => {
    expect(resendAddress("/applications/5")).toBe("/applications/5?index");
    expect(resendAddress("/organisations/3/profile?bid=5")).toBe("/organisations/3/profile?bid=5&index");
    expect(resendAddress("/officer/rounds/2?index")).toBe("/officer/rounds/2?index");
  });
});
