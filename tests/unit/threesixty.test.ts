import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PENCE, penceToInput } from "~/domain/money/money";
import { csvHeader, csvRow, packageMetadata, poundsFromPence, recipientOrgId, toGrant, type PublishedAward, type Publisher } from "~/domain/publishing/threesixty";

const PUBLISHER: Publisher = { prefix: "360G-wypcc", funderName: "Mayor of West Yorkshire" };

function award(overrides: Partial<PublishedAward> = {}): PublishedAward {
  return {
    awardId: 7,
    reference: "MSCF-GR8-0042",
    projectTitle: "Holbeck youth boxing nights",
    summary: "Twice-weekly boxing sessions for young people at risk of exploitation.",
    amountPence: 20_825_493,
    releasedAt: new Date("2026-03-02T10:00:00Z"),
    startsOn: "2026-04-01",
    endsOn: "2027-03-31",
    organisation: { id: 12, name: "Calder Valley Youth Boxing Club", charityNumber: "1000001", companyNumber: null },
    fund: { slug: "mayors-safer-communities-fund", code: "MSCF", name: "Mayor's Safer Communities Fund", openCall: true },
    round: { id: 3, code: "GR8", name: "Grant round 8" },
    priorities: [{ id: 4, name: "Keeping people safe" }],
    tags: [{ slug: "drugs-and-alcohol", name: "Drugs and Alcohol" }],
    districts: [
      { slug: "bradford", name: "Bradford" },
      { slug: "leeds", name: "Leeds" },
    ],
    ...overrides,
  };
}

/** The real 360Giving grant schema, checked with a real validator (JSON Schema 2020-12). */
function grantValidator() {
  const dir = path.resolve("../shared/360giving");
  const grantSchema = JSON.parse(fs.readFileSync(path.join(dir, "360-giving-schema.json"), "utf8"));
  const ajv = new Ajv2020({ validateSchema: false, strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(grantSchema);
}

describe("a 360Giving grant from an award", () => {
  it("has the standard's required fields, with our prefix on the id", () => {
    const grant = toGrant(award(), PUBLISHER);
    expect(grant).toMatchObject({
      id: "360G-wypcc-MSCF-GR8-0042",
      title: "Holbeck youth boxing nights",
      description: "Twice-weekly boxing sessions for young people at risk of exploitation.",
      currency: "GBP",
      amountAwarded: 208254.93,
      awardDate: "2026-03-02",
      fundingOrganization: [{ id: "360G-wypcc", name: "Mayor of West Yorkshire" }],
      recipientOrganization: [{ id: "GB-CHC-1000001", name: "Calder Valley Youth Boxing Club", charityNumber: "1000001" }],
      plannedDates: [{ startDate: "2026-04-01", endDate: "2027-03-31" }],
      grantProgramme: [{ code: "MSCF-GR8", title: "Mayor's Safer Communities Fund: Grant round 8" }],
      fromOpenCall: "Yes",
    });
    expect(JSON.stringify(grant)).toContain('"amountAwarded":208254.93');
  });

  it("is valid against the 360Giving grant schema, with and without the optional lists", () => {
    const validate = grantValidator();
    const cases = [
      award(),
      award({ summary: null, priorities: [], tags: [], districts: [], organisation: { id: 3, name: "Friends of Roundhay Park", charityNumber: null, companyNumber: null } }),
      award({ fund: { ...award().fund, openCall: false }, organisation: { id: 9, name: "Safe Streets CIC", charityNumber: null, companyNumber: "SC123456" } }),
    ];
    for (const a of cases) {
      const grant = toGrant(a, PUBLISHER);
      expect(validate(grant), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("names the funder by its own organisation id when one is set", () => {
    const grant = toGrant(award(), { ...PUBLISHER, funderId: "GB-GOR-PC000123" });
    expect(grant.fundingOrganization).toEqual([{ id: "GB-GOR-PC000123", name: "Mayor of West Yorkshire" }]);
    expect(grant.id).toBe("360G-wypcc-MSCF-GR8-0042");
  });

  it("identifies a charity by its charity number, else a company by its number, else by our own id", () => {
    const org = award().organisation;
    expect(recipientOrgId({ ...org, charityNumber: "1000001", companyNumber: "01234567" }, "360G-wypcc")).toBe("GB-CHC-1000001");
    expect(recipientOrgId({ ...org, charityNumber: null, companyNumber: "sc123456" }, "360G-wypcc")).toBe("GB-COH-SC123456");
    expect(recipientOrgId({ ...org, charityNumber: " ", companyNumber: null }, "360G-wypcc")).toBe("360G-wypcc-org-12");
  });

  it("classifies by plan priority and reporting tag, and places beneficiaries in their districts", () => {
    const grant = toGrant(award(), PUBLISHER);
    expect(grant.classifications).toEqual([
      { vocabulary: "360G-wypcc-plan-priority", code: "4", title: "Keeping people safe" },
      { vocabulary: "360G-wypcc-reporting-tag", code: "drugs-and-alcohol", title: "Drugs and Alcohol" },
    ]);
    expect(grant.beneficiaryLocation).toEqual([
      { name: "Bradford", countryCode: "GB" },
      { name: "Leeds", countryCode: "GB" },
    ]);
  });

  it("dates the award by the UK calendar day decisions were released, across the clock change", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(toGrant(award({ releasedAt: new Date("2026-06-30T23:30:00Z") }), PUBLISHER).awardDate).toBe("2026-07-01");
    expect(toGrant(award({ releasedAt: new Date("2026-01-31T23:30:00Z") }), PUBLISHER).awardDate).toBe("2026-01-31");
  });

  it("falls back to the title when a bid has no summary, because a description is required", () => {
    expect(toGrant(award({ summary: "  " }), PUBLISHER).description).toBe("Holbeck youth boxing nights");
  });

  it("contains nothing about people, contacts or addresses", () => {
    const text = JSON.stringify(toGrant(award(), PUBLISHER));
    expect(text).not.toMatch(/contact|email|telephone|postalCode|streetAddress|addressLocality/i);
  });
});

describe("pounds for 360Giving", () => {
  it("are exactly the pence, as a number", () => {
    expect(poundsFromPence(20_825_493)).toBe(208254.93);
    expect(poundsFromPence(1)).toBe(0.01);
    expect(poundsFromPence(800_000)).toBe(8000);
    expect(() => poundsFromPence(1.5)).toThrow();
  });

  it("print as the exact decimal and turn back into the same pence, for every amount the portal allows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PENCE }), (pence) => {
        const pounds = poundsFromPence(pence);
        expect(Math.round(pounds * 100)).toBe(pence);
        expect(String(pounds)).toBe(penceToInput(pence).replace(/\.?0+$/, "") || "0");
      }),
    );
  });
});

describe("the 360Giving spreadsheet flavour", () => {
  it("has the standard's column titles, numbering any second and later location or classification", () => {
    const header = csvHeader({ locations: 2, classifications: 2 });
    expect(header.slice(0, 6)).toEqual(["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date"]);
    expect(header).toEqual(expect.arrayContaining(["Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Beneficiary Location:Name", "Beneficiary Location:1:Name", "Classifications:Vocabulary", "Classifications:1:Title"]));
    // Even a fund whose awards name no district keeps the location column.
    expect(csvHeader({ locations: 0, classifications: 0 })).toContain("Beneficiary Location:Name");
  });

  it("writes one row per grant that lines up with the header, with exact pounds and no formulas", () => {
    const widths = { locations: 3, classifications: 2 };
    const a = award({ projectTitle: "=HYPERLINK(\"http://evil.example\")", organisation: { ...award().organisation, name: "+Safe Streets" } });
    const row = csvRow(toGrant(a, PUBLISHER), a.amountPence, widths);
    const header = csvHeader(widths);
    expect(row).toHaveLength(header.length);
    const cell = (title: string) => row[header.indexOf(title)];
    expect(cell("Title")).toBe("'=HYPERLINK(\"http://evil.example\")");
    expect(cell("Recipient Org:Name")).toBe("'+Safe Streets");
    expect(cell("Amount Awarded")).toBe("208254.93");
    expect(cell("Beneficiary Location:1:Name")).toBe("Leeds");
    expect(cell("Beneficiary Location:2:Name")).toBe("");
    expect(cell("Classifications:1:Code")).toBe("drugs-and-alcohol");
  });
});

describe("the package's own description", () => {
  it("says who publishes it and where it lives", () => {
    expect(packageMetadata({ slug: "mscf", code: "MSCF", name: "Mayor's Safer Communities Fund" }, PUBLISHER, "https://grants.example.org/")).toEqual({
      version: "1.4",
      title: "Mayor's Safer Communities Fund: grants awarded",
      identifier: "360G-wypcc-MSCF",
      publisher: { identifier: "360G-wypcc", name: "Mayor of West Yorkshire" },
      downloadURL: "https://grants.example.org/funds/mscf/360giving.json",
      accessURL: "https://grants.example.org/funded?fund=mscf",
    });
  });
});
