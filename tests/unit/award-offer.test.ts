import { describe, expect, it } from "vitest";
import { acceptanceSchema, addMonthsIso, DECLARATIONS, declineSchema, monitoringDates, standardConditions } from "~/domain/awards/offer";

const ALL = DECLARATIONS.map((d) => d.value);
const bounds = { today: "2026-05-20", offeredOn: "2026-05-01" };
const valid = { signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", acceptedOnDay: "20", acceptedOnMonth: "5", acceptedOnYear: "2026", declarations: ALL };

function errorsOf(values: Record<string, unknown>) {
  const result = acceptanceSchema(bounds).safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("monitoring dates", () => {
  it("puts the interim return halfway through the project and the final one a month after it ends", () => {
    expect(monitoringDates("2027-04-01", "2028-03-31")).toEqual({ interim: "2027-09-30", final: "2028-04-30" });
    expect(monitoringDates("2027-01-01", "2027-01-03")).toEqual({ interim: "2027-01-02", final: "2027-02-03" });
  });

  it("is not moved by the clock change, and a one-day project has its interim on that day", () => {
    // British Summer Time starts on 28 March 2027, inside this project: the midpoint is still the 29th.
    expect(monitoringDates("2027-03-27", "2027-03-31").interim).toBe("2027-03-29");
    expect(monitoringDates("2027-06-01", "2027-06-01")).toEqual({ interim: "2027-06-01", final: "2027-07-01" });
  });

  it("ends a month after the 31st on the last day of the shorter month", () => {
    expect(addMonthsIso("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonthsIso("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsIso("2027-12-15", 1)).toBe("2028-01-15");
    expect(monitoringDates("2027-04-01", "2027-08-31").final).toBe("2027-09-30");
  });

  it("refuses a project that ends before it starts", () => {
    expect(() => monitoringDates("2027-04-02", "2027-04-01")).toThrow();
    expect(() => monitoringDates("2027-02-30", "2027-04-01")).toThrow();
  });
});

describe("the standard conditions", () => {
  it("name the project, the money, the dates, monitoring, unspent money and acknowledging the funder", () => {
    const text = standardConditions({
      organisationName: "Calder Valley Youth Boxing Club",
      projectTitle: "Holbeck youth boxing nights",
      reference: "MSCF-GR8-0001",
      fundName: "Mayor's Safer Communities Fund",
      amountPence: 800_000,
      startsOn: "2027-04-01",
      endsOn: "2028-03-31",
      interimDueOn: "2027-09-30",
      finalDueOn: "2028-04-30",
    });
    expect(text).toContain("Calder Valley Youth Boxing Club must use this grant of £8,000.00 only for the project described in bid MSCF-GR8-0001");
    expect(text).toContain("between 1 April 2027 and 31 March 2028");
    expect(text).toContain("an interim monitoring return by 30 September 2027 and a final monitoring return by 30 April 2028");
    expect(text).toContain("return any part of the grant not spent");
    expect(text).toContain("acknowledge the Mayor's Safer Communities Fund");
  });
});

describe("accepting an offer", () => {
  it("reads name, role, date and every declaration", () => {
    expect(acceptanceSchema(bounds).parse(valid)).toEqual({ signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", acceptedOn: "2026-05-20", declarations: ALL });
  });

  it("asks for everything, in the order of the form", () => {
    const result = acceptanceSchema(bounds).safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["signatoryName", "Enter the full name of the person accepting the offer"],
      ["signatoryRole", "Enter their role in the organisation"],
      ["acceptedOn", "Enter the date the offer was accepted"],
      ["declarations", "Confirm all the declarations to accept the offer"],
    ]);
  });

  it.each([
    [{ acceptedOnDay: "31", acceptedOnMonth: "2", acceptedOnYear: "2026" }, "Date accepted must be a real date"],
    [{ acceptedOnDay: "20", acceptedOnMonth: "5", acceptedOnYear: "26" }, "Date accepted must be a real date"],
    [{ acceptedOnDay: "21", acceptedOnMonth: "5", acceptedOnYear: "2026" }, "Date accepted must be today or in the past"],
    [{ acceptedOnDay: "30", acceptedOnMonth: "4", acceptedOnYear: "2026" }, "Date accepted must be on or after 1 May 2026, the date of the offer"],
  ])("refuses the date %o", (date, message) => {
    expect(errorsOf({ ...valid, ...date })).toEqual({ acceptedOn: message });
  });

  it("accepts the day of the offer and today", () => {
    expect(errorsOf({ ...valid, acceptedOnDay: "1" })).toEqual({});
    expect(errorsOf({ ...valid, acceptedOnDay: "20" })).toEqual({});
  });

  it("refuses an acceptance with any declaration unticked, or one it does not know", () => {
    expect(errorsOf({ ...valid, declarations: ALL.slice(1) })).toEqual({ declarations: "Confirm all the declarations to accept the offer" });
    expect(errorsOf({ ...valid, declarations: "authority" })).toEqual({ declarations: "Confirm all the declarations to accept the offer" });
    expect(errorsOf({ ...valid, declarations: [...ALL, "anything"] })).toEqual({ declarations: "Confirm all the declarations to accept the offer" });
  });

  it("limits the name and role, and ignores spaces around them", () => {
    expect(errorsOf({ ...valid, signatoryName: "x".repeat(141), signatoryRole: "y".repeat(101) })).toEqual({
      signatoryName: "Full name must be 140 characters or fewer",
      signatoryRole: "Role must be 100 characters or fewer",
    });
    expect(errorsOf({ ...valid, signatoryName: "   " })).toEqual({ signatoryName: "Enter the full name of the person accepting the offer" });
    expect(acceptanceSchema(bounds).parse({ ...valid, signatoryName: "  Aisha Khan " }).signatoryName).toBe("Aisha Khan");
  });
});

describe("declining an offer", () => {
  it("takes an optional reason", () => {
    expect(declineSchema.parse({})).toEqual({ reason: "" });
    expect(declineSchema.parse({ reason: " Match funding fell through " })).toEqual({ reason: "Match funding fell through" });
    expect(declineSchema.safeParse({ reason: "x".repeat(1001) }).success).toBe(false);
  });
});
