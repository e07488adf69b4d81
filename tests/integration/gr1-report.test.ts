/**
 * GR1's published figures (39 projects, £208,254.93; 11 Drugs and Alcohol projects, £62,468.41)
 * read the way staff and the Police and Crime Panel read them: through the real round-report and
 * Panel-report loaders and their CSV and Word downloads, on a database seeded by the demo's own
 * path. Nothing here is a constant the report could agree with by accident: each figure comes
 * back out of the loaders' data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedConfiguration, seedDemoAccounts, seedDemoBudgets } from "../../scripts/seed/seed";
import { GR1 } from "../../scripts/seed/gr1";
import { signedIn } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";
import { loader as roundReportLoader } from "~/routes/funds.$fund.rounds.$round.report";
import { loader as roundReportCsvLoader } from "~/routes/funds.$fund.rounds.$round.report[.csv]";
import { loader as panelReportLoader } from "~/routes/funds.$fund.panel-report";
import { loader as panelDocxLoader } from "~/routes/funds.$fund.panel-report[.docx]";

const FUND = GR1.fundSlug;
const params = { fund: FUND, round: GR1.slug };
const PARAGRAPH =
  "GR1 awarded on 1 March 2022 \u2013 39 projects were awarded a total of \u00a3208,254.93. This round saw 11 Drugs and Alcohol projects funded totalling \u00a362,468.41.";

type Totals = { received: number; requestedPence: number; eligible: number; funded: number; fundedPence: number };
type RoundReportData = {
  round: { code: string; slug: string; releasedOn: string | null };
  tag: { slug: string; name: string } | null;
  featured: { slug: string; name: string } | null;
  report: { total: Totals };
};
type PanelData = {
  choice: { kind: string; slug?: string };
  query: string;
  unreleased: unknown;
  released: { periodLabel: string; paragraphs: string[]; tag: { name: string } | null; taggedProjects: unknown[]; rounds: { slug: string; code: string }[] } | null;
};

let cookie: string;

beforeAll(async () => {
  const now = new Date();
  seedConfiguration(now);
  await seedDemoAccounts(now);
  const { history } = seedDemoBudgets(now);
  expect(history).not.toBeNull();
  ({ cookie } = await signedIn("grants_officer"));
});

async function roundReport(query = "") {
  const response = await call(roundReportLoader, `/funds/${FUND}/rounds/${GR1.slug}/report${query}`, { cookie, params });
  expect(response.status).toBe(200);
  return jsonOf<RoundReportData>(response);
}

async function panelReport(query: string) {
  const response = await call(panelReportLoader, `/funds/${FUND}/panel-report${query}`, { cookie, params: { fund: FUND } });
  expect(response.status).toBe(200);
  return jsonOf<PanelData>(response);
}

describe("GR1's round report", () => {
  it("shows 39 projects funded, 20,825,493 pence, released on 1 March 2022", async () => {
    const data = await roundReport();
    expect(data.round.code).toBe("GR1");
    expect(data.round.releasedOn).toBe("1 March 2022");
    expect(data.tag).toBeNull();
    expect(data.report.total.funded).toBe(39);
    expect(data.report.total.fundedPence).toBe(20_825_493);
    expect(data.report.total.received).toBeGreaterThan(39);
  });

  it("offers Drugs and Alcohol as the featured view, which shows 11 projects and 6,246,841 pence", async () => {
    const all = await roundReport();
    expect(all.featured).toEqual({ slug: "drugs-and-alcohol", name: "Drugs and Alcohol" });
    const data = await roundReport("?tag=drugs-and-alcohol");
    expect(data.tag).toEqual({ slug: "drugs-and-alcohol", name: "Drugs and Alcohol" });
    expect(data.report.total.funded).toBe(11);
    expect(data.report.total.fundedPence).toBe(6_246_841);
  });

  it("is refused to an applicant and not found for an unknown tag", async () => {
    const applicant = await signedIn("applicant");
    const refused = await call(roundReportLoader, `/funds/${FUND}/rounds/${GR1.slug}/report`, { cookie: applicant.cookie, params });
    expect([302, 303, 403, 404]).toContain(refused.status);
    const unknown = await call(roundReportLoader, `/funds/${FUND}/rounds/${GR1.slug}/report?tag=no-such-tag`, { cookie, params });
    expect(unknown.status).toBe(404);
  });

  it("downloads a summary CSV whose total row carries the same figures, for all projects and for Drugs and Alcohol", async () => {
    const csv = async (query: string) => {
      const response = await call(roundReportCsvLoader, `/funds/${FUND}/rounds/${GR1.slug}/report.csv?${query}`, { cookie, params });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
      return response.text();
    };
    /** The Total row, by the header's column names. */
    const totalRow = (text: string) => {
      const lines = text.trim().split(/\r?\n/).map((l) => l.split(","));
      const header = lines[0];
      const total = lines.find((l) => l[0].startsWith("Total"))!;
      expect(total).toBeDefined();
      return Object.fromEntries(header.map((h, i) => [h, total[i]]));
    };
    expect(totalRow(await csv("table=summary"))).toMatchObject({ Funded: "39", "Amount funded (\u00a3)": "208254.93" });
    expect(totalRow(await csv("tag=drugs-and-alcohol&table=summary"))).toMatchObject({ Funded: "11", "Amount funded (\u00a3)": "62468.41" });

    const applications = (await csv("table=applications")).trim().split(/\r?\n/);
    expect(applications.at(-1)!.split(",").at(-1)).toBe("208254.93");
  });
});

describe("GR1's Police and Crime Panel report", () => {
  it("writes the paragraph the Panel reads, from released decisions", async () => {
    const data = await panelReport(`?round=${GR1.slug}`);
    expect(data.choice).toMatchObject({ kind: "round", slug: "gr1" });
    expect(data.query).toBe("round=gr1");
    expect(data.unreleased).toBeNull();
    expect(data.released).not.toBeNull();
    expect(data.released!.paragraphs).toContain(PARAGRAPH);
    expect(data.released!.tag?.name).toBe("Drugs and Alcohol");
    expect(data.released!.taggedProjects).toHaveLength(11);
    expect(data.released!.rounds.map((r) => r.code)).toEqual(["GR1"]);
  });

  it("reports GR1 for the financial year it was released in, 2021-22", async () => {
    const data = await panelReport("?year=2021-22");
    expect(data.released).not.toBeNull();
    const text = data.released!.paragraphs.join("\n");
    expect(text).toContain("\u00a3208,254.93");
    expect(text).toContain("\u00a362,468.41");
  });

  it("downloads the same paragraph as a Word document", async () => {
    const response = await call(panelDocxLoader, `/funds/${FUND}/panel-report.docx?round=${GR1.slug}`, { cookie, params: { fund: FUND } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.docx"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const documentXml = await wordDocumentXml(bytes);
    // Word may split a paragraph into runs; the text, with the runs joined, is the Panel's paragraph.
    const text = documentXml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, "")}\n`).replace(/<[^>]+>/g, "");
    const decoded = text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    expect(decoded).toContain(PARAGRAPH);
  });
});

/** word/document.xml out of a .docx (a zip), with Node's own inflate. */
async function wordDocumentXml(zip: Buffer): Promise<string> {
  const { inflateRawSync } = await import("node:zlib");
  // Find the central directory via the end-of-central-directory record.
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  expect(eocd).toBeGreaterThanOrEqual(0);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (name === "word/document.xml") {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error("word/document.xml is not in the .docx");
}
