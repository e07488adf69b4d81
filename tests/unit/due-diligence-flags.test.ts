import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeCheck } from "~/domain/due-diligence/describe";
import {
  charityFlags,
  combineFlags,
  companyFlags,
  dueDiligenceFlags,
  FLAG_LABELS,
  FLAGS,
  flagColour,
  flagLabel,
  namesMatch,
  normaliseName,
  postcodeFlags,
} from "~/domain/due-diligence/flags";
import type { CharityLookup, CompanyLookup, PostcodeLookup } from "~/domain/due-diligence/register-results";

const charity = (over: Partial<Extract<CharityLookup, { status: "found" }>> = {}): CharityLookup => ({
  status: "found",
  number: "1000001",
  name: "Leeds Community Safety Trust",
  registered: true,
  registeredOn: "2005-04-12",
  removedOn: null,
  latestIncomePence: 4_825_050,
  companyNumber: null,
  ...over,
});

const company = (over: Partial<Extract<CompanyLookup, { status: "found" }>> = {}): CompanyLookup => ({
  status: "found",
  number: "01000001",
  name: "LEEDS COMMUNITY SAFETY TRUST LIMITED",
  companyStatus: "active",
  companyType: "private-limited-guarant-nsc",
  incorporatedOn: "2005-03-01",
  ceasedOn: null,
  ...over,
});

const leeds: PostcodeLookup = { status: "found", postcode: "LS1 1UR", district: "Leeds", ward: "Little London & Woodhouse", policeForceArea: "West Yorkshire" };
const manchester: PostcodeLookup = { status: "found", postcode: "M1 1AE", district: "Manchester", ward: "Piccadilly", policeForceArea: "Greater Manchester" };
const down = { status: "unavailable", reason: "The register did not answer within 5 seconds" } as const;
const missing = { status: "not_found" } as const;

describe("an organisation's name matches the register's despite how it is written", () => {
  it.each([
    ["Leeds Community Safety Trust", "LEEDS COMMUNITY SAFETY TRUST LIMITED"],
    ["The Leeds Community Safety Trust Ltd", "Leeds Community Safety Trust"],
    ["St George's Crypt", "ST. GEORGES CRYPT"],
    ["Calderdale Mentoring C.I.C.", "CALDERDALE MENTORING CIC"],
    ["Calderdale Mentoring Community Interest Company", "Calderdale Mentoring CIC"],
    ["Women & Girls Project", "WOMEN AND GIRLS PROJECT LIMITED"],
    ["Leeds-Bradford Youth Boxing", "Leeds Bradford Youth Boxing"],
    ["Prosiect Ieuenctid Cyf", "PROSIECT IEUENCTID CYFYNGEDIG"],
  ])("%s is %s", (ours, theirs) => {
    expect(namesMatch(ours, theirs)).toBe(true);
  });

  it.each([
    ["Leeds Community Safety Trust", "Bradford Community Safety Trust"],
    ["Leeds Youth Club", "Leeds Youth Centre"],
    ["Kirklees Knife Crime Awareness", "Kirklees Knife Crime Awareness Trust"],
  ])("%s is not %s", (ours, theirs) => {
    expect(namesMatch(ours, theirs)).toBe(false);
  });

  it("normalising is idempotent and ignores case", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
        expect(normaliseName(name.toUpperCase())).toBe(normaliseName(name.toLowerCase()));
      }),
    );
  });
});

describe("Charity Commission flags", () => {
  it("a registered charity with the same name raises nothing", () => {
    expect(charityFlags("Leeds Community Safety Trust", charity())).toEqual([]);
  });

  it("a charity removed from the register is flagged", () => {
    expect(charityFlags("Leeds Community Safety Trust", charity({ registered: false, removedOn: "2023-09-30" }))).toEqual(["charity_removed"]);
  });

  it("a number the register does not know is flagged, and so is a different name", () => {
    expect(charityFlags("Leeds Community Safety Trust", missing)).toEqual(["charity_not_found"]);
    expect(charityFlags("Bradford Youth Boxing Club", charity())).toEqual(["name_mismatch"]);
  });

  it("a register that did not answer says only that", () => {
    expect(charityFlags("Anything", down)).toEqual(["register_unavailable"]);
  });
});

describe("Companies House flags", () => {
  it("an active company with the same name raises nothing", () => {
    expect(companyFlags("Leeds Community Safety Trust", company())).toEqual([]);
  });

  it.each(["dissolved", "liquidation", "administration", "receivership", "converted-closed"])("a %s company is flagged as not active", (status) => {
    expect(companyFlags("Leeds Community Safety Trust", company({ companyStatus: status }))).toEqual(["company_dissolved"]);
  });

  it("an unknown number, a different name and an unavailable register are flagged", () => {
    expect(companyFlags("Leeds Community Safety Trust", missing)).toEqual(["company_not_found"]);
    expect(companyFlags("Kirklees Youth", company())).toEqual(["name_mismatch"]);
    expect(companyFlags("Kirklees Youth", down)).toEqual(["register_unavailable"]);
  });
});

describe("postcode flags", () => {
  it("a postcode in the fund's police force area raises nothing, whatever the case", () => {
    expect(postcodeFlags(leeds, "West Yorkshire")).toEqual([]);
    expect(postcodeFlags(leeds, "west yorkshire ")).toEqual([]);
  });

  it("a postcode in another force's area is outside the fund's area", () => {
    expect(postcodeFlags(manchester, "West Yorkshire")).toEqual(["postcode_outside_area"]);
    expect(postcodeFlags(manchester, "Greater Manchester")).toEqual([]);
  });

  it("a postcode with no police force area cannot be shown to be inside the area", () => {
    expect(postcodeFlags({ ...leeds, policeForceArea: null } as PostcodeLookup, "West Yorkshire")).toEqual(["postcode_outside_area"]);
  });

  it("an unknown postcode and an unavailable register are flagged", () => {
    expect(postcodeFlags(missing, "West Yorkshire")).toEqual(["postcode_not_found"]);
    expect(postcodeFlags(down, "West Yorkshire")).toEqual(["register_unavailable"]);
  });
});

describe("all the flags for an organisation", () => {
  it("come once each, in a fixed order, only from the registers that were asked", () => {
    const flags = dueDiligenceFlags({
      organisation: { name: "Somebody Else" },
      charity: charity({ registered: false }),
      company: down,
      postcode: manchester,
      area: "West Yorkshire",
    });
    expect(flags).toEqual(["charity_removed", "postcode_outside_area", "name_mismatch", "register_unavailable"]);
    expect(dueDiligenceFlags({ organisation: { name: "X" }, postcode: leeds, area: "West Yorkshire" })).toEqual([]);
  });

  it("stored flags combine the same way, keeping codes this version does not know", () => {
    expect(combineFlags([["register_unavailable"], ["name_mismatch", "charity_removed"], ["name_mismatch", "someday_flag"]])).toEqual([
      "charity_removed",
      "name_mismatch",
      "register_unavailable",
      "someday_flag",
    ]);
  });
});

describe("what officers read", () => {
  it("every flag has a label; problems are red and an unavailable register grey", () => {
    for (const flag of FLAGS) expect(FLAG_LABELS[flag]).toMatch(/^[A-Z]/);
    expect(flagLabel("charity_removed")).toBe("Charity removed");
    expect(flagLabel("register_unavailable")).toBe("Register unavailable");
    expect(flagColour("charity_removed")).toBe("red");
    expect(flagColour("postcode_outside_area")).toBe("red");
    expect(flagColour("register_unavailable")).toBe("grey");
    expect(flagLabel("someday_flag")).toBe("someday_flag");
  });

  it("each check is described in a sentence", () => {
    expect(describeCheck("charity_commission", charity(), "1000001")).toBe(
      "Leeds Community Safety Trust, charity 1000001, registered on 12 April 2005, latest income £48,250.50.",
    );
    expect(describeCheck("charity_commission", charity({ registered: false, removedOn: "2023-09-30" }), "1000001")).toContain("removed on 30 September 2023");
    expect(describeCheck("companies_house", company({ companyStatus: "dissolved", ceasedOn: "2024-03-31" }), "01000001")).toBe(
      "LEEDS COMMUNITY SAFETY TRUST LIMITED, company 01000001, private company limited by guarantee, status dissolved since 31 March 2024.",
    );
    expect(describeCheck("postcodes_io", leeds, "LS1 1UR")).toBe("LS1 1UR: Little London & Woodhouse ward, Leeds, West Yorkshire police force area.");
    expect(describeCheck("postcodes_io", missing, "ZZ99 9ZZ")).toBe("ZZ99 9ZZ is not a postcode in use.");
    expect(describeCheck("companies_house", down, "01000999")).toBe("The register did not answer within 5 seconds. Re-run the checks later.");
  });
});
