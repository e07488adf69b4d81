import { parse } from "csv-parse/sync";
import { asc, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#db/client";
import {
  awards,
  bidDistricts,
  bidOutcomes,
  bidPriorities,
  bids,
  bidTags,
  bidThemes,
  districts,
  moderations,
  monitoringReturns,
  organisationProfiles,
  organisations,
  planPriorities,
  planThemes,
  reportingTags,
  returnOutcomes,
  rounds,
} from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import { financialYearLabel, financialYearOf } from "~/domain/money/ledger";
import { parsePounds } from "~/domain/money/money";
import type { Figures } from "~/domain/reports/figures";
import type { ReportTableData } from "~/domain/reports/splits";
import { londonWallClockToInstant } from "~/domain/time/london";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { recordDecision, releaseDecisions } from "~/models/assessment/decision.server";
import { addNamed } from "~/models/taxonomy.server";
import { loader as panelLoader } from "~/routes/funds.$fund.panel-report";
import { loader as docxLoader } from "~/routes/funds.$fund.panel-report[.docx]";
import { loader as reportLoader } from "~/routes/funds.$fund.rounds.$round.report";
import { loader as csvLoader } from "~/routes/funds.$fund.rounds.$round.report[.csv]";
import { loader as xlsxLoader } from "~/routes/funds.$fund.rounds.$round.report[.xlsx]";
import { signedIn } from "../factories/accounts";
import { submittedBids } from "../factories/assessment";
import { openRound } from "../factories/bids";
import { call, jsonOf } from "../setup/remix";

const FUND = "mayors-safer-communities-fund";
const EVIL_ORGANISATION = '=HYPERLINK("http://evil.example","Click me")';
const EVIL_TAG = "=cmd|' /C calc'!A0";
const RELEASED_AT = londonWallClockToInstant("2022-03-01", "10:00");

type Decided = "fund_full" | "reserve" | "not_funded" | { part: number } | null;
type BidSpec = {
  pounds: number;
  eligible: boolean;
  decision: Decided;
  priorities: number[];
  themes: number[];
  tags: string[];
  districts: string[];
  type: "registered_charity" | "cio" | "constituted_group" | null;
  withdrawn?: boolean;
};

let roundsMade = 0;

/**
 * Bids moved to a closed round of their own (opened and closed early in 2022), with the answers,
 * eligibility and decisions each spec gives, released on 1 March 2022 unless told otherwise.
 */
async function reportRound(specs: BidSpec[], { release = true } = {}) {
  const officer = await signedIn("grants_officer");
  const made = await submittedBids(specs.length, { amounts: specs.map((s) => s.pounds) });
  const bidIds = made.bids.map((b) => b.bidId);
  const db = getDb();
  const n = ++roundsMade;
  const round = writeTransaction((tx) => {
    const { id: _id, createdAt: _c, ...demo } = tx.select().from(rounds).where(eq(rounds.id, made.roundId)).get()!;
    const copy = tx
      .insert(rounds)
      .values({ ...demo, slug: `report-${n}`, code: `RP${n}`, name: `Report test round ${n}`, budgetPence: 5_000_000, opensAt: londonWallClockToInstant("2022-01-04", "09:00"), closesAt: londonWallClockToInstant("2022-02-01", "17:00") })
      .returning()
      .get();
    tx.update(bids).set({ roundId: copy.id, reference: sql`replace(${bids.reference}, ${`-${demo.code}-`}, ${`-${copy.code}-`})` }).where(inArray(bids.id, bidIds)).run();
    return copy;
  });
  const priorityIds = db.select().from(planPriorities).where(eq(planPriorities.planId, round.planId)).orderBy(asc(planPriorities.position)).all().map((p) => p.id);
  const themeIds = db.select().from(planThemes).where(eq(planThemes.planId, round.planId)).orderBy(asc(planThemes.position)).all().map((t) => t.id);
  const tagId = (name: string) => db.select().from(reportingTags).where(eq(reportingTags.name, name)).get()!.id;
  const districtId = (name: string) => db.select().from(districts).where(eq(districts.name, name)).get()!.id;
  writeTransaction((tx) => {
    specs.forEach((spec, i) => {
      const bidId = bidIds[i];
      for (const table of [bidPriorities, bidThemes, bidTags, bidDistricts]) tx.delete(table).where(eq(table.bidId, bidId)).run();
      for (const p of spec.priorities) tx.insert(bidPriorities).values({ bidId, priorityId: priorityIds[p] }).run();
      for (const t of spec.themes) tx.insert(bidThemes).values({ bidId, themeId: themeIds[t] }).run();
      for (const t of spec.tags) tx.insert(bidTags).values({ bidId, tagId: tagId(t) }).run();
      for (const d of spec.districts) tx.insert(bidDistricts).values({ bidId, districtId: districtId(d) }).run();
      const organisationId = made.bids[i].applicant.organisationId!;
      if (spec.type) tx.update(organisationProfiles).set({ type: spec.type }).where(eq(organisationProfiles.organisationId, organisationId)).run();
      else tx.delete(organisationProfiles).where(eq(organisationProfiles.organisationId, organisationId)).run();
      tx.insert(moderations).values({ bidId, score: 9_000 - i * 100, reason: "Panel score", moderatedBy: officer.user.id, moderatedAt: new Date() }).run();
      if (spec.withdrawn) tx.update(bids).set({ status: "withdrawn", withdrawnAt: new Date() }).where(eq(bids.id, bidId)).run();
    });
  });
  specs.forEach((spec, i) => {
    if (spec.withdrawn) return;
    recordEligibility({ bidId: bidIds[i], eligible: spec.eligible, reason: spec.eligible ? null : "Outside West Yorkshire", officerId: officer.user.id }, new Date());
    const d = spec.decision;
    if (d === null) return;
    const common = { bidId: bidIds[i], officerId: officer.user.id, reasonCode: null, reason: null, feedback: null };
    const fields =
      typeof d === "object"
        ? { ...common, outcome: "fund_part" as const, amountPence: Math.round(d.part * 100), reason: "Some costs are covered elsewhere" }
        : d === "not_funded"
          ? { ...common, outcome: d, amountPence: 0, reasonCode: "weak_alignment", feedback: "Say which priority the project serves" }
          : { ...common, outcome: d, amountPence: d === "fund_full" ? Math.round(spec.pounds * 100) : 0 };
    const result = recordDecision(fields, new Date());
    if (!result.ok) throw new Error(`could not decide: ${JSON.stringify(result)}`);
  });
  if (release) {
    const released = releaseDecisions(round.id, officer.user.id, RELEASED_AT);
    if (!released.ok) throw new Error(`could not release: ${JSON.stringify(released)}`);
  }
  return { round, officer, bidIds, organisationIds: made.bids.map((b) => b.applicant.organisationId!) };
}

const f = (received: number, requestedPence: number, eligible: number, funded: number, fundedPence: number): Figures => ({ received, requestedPence, eligible, funded, fundedPence });
const sumOf = (rows: { figures: Figures }[]) => rows.reduce((t, r) => f(t.received + r.figures.received, t.requestedPence + r.figures.requestedPence, t.eligible + r.figures.eligible, t.funded + r.figures.funded, t.fundedPence + r.figures.fundedPence), f(0, 0, 0, 0, 0));

type ReportJson = {
  round: { code: string; releasedOn: string | null };
  tag: { slug: string; name: string } | null;
  years: { value: string }[];
  report: { total: Figures; summary: ReportTableData; splits: { split: string; table: ReportTableData }[] };
};

let made: Awaited<ReturnType<typeof reportRound>>;
let cookies: Record<Role, string>;
let reportUrl: string;
let params: { fund: string; round: string };
let otherYear: number;
let thisYear: number;

// A: funded in full; B: funded in part; C: not funded; D: reserve; E: not eligible; F: withdrawn.
const SPECS: BidSpec[] = [
  { pounds: 8000, eligible: true, decision: "fund_full", priorities: [0], themes: [0, 1], tags: ["Drugs and Alcohol"], districts: ["Leeds"], type: "registered_charity" },
  { pounds: 6000.5, eligible: true, decision: { part: 3000.25 }, priorities: [0, 1], themes: [], tags: ["Drugs and Alcohol", "Knife Crime"], districts: ["Bradford"], type: "cio" },
  { pounds: 4000, eligible: true, decision: "not_funded", priorities: [1], themes: [1], tags: [EVIL_TAG], districts: ["Leeds", "Kirklees"], type: "registered_charity" },
  { pounds: 2500.75, eligible: true, decision: "reserve", priorities: [], themes: [0], tags: ["Knife Crime"], districts: [], type: "constituted_group" },
  { pounds: 1000, eligible: false, decision: null, priorities: [2], themes: [], tags: ["Drugs and Alcohol"], districts: ["Wakefield"], type: null },
  { pounds: 500, eligible: true, decision: null, priorities: [0], themes: [0], tags: ["Drugs and Alcohol"], districts: ["Leeds"], type: "registered_charity", withdrawn: true },
];

beforeAll(async () => {
  cookies = {} as Record<Role, string>;
  for (const role of ["applicant", "assessor", "grants_officer", "finance", "admin"] as const) cookies[role] = (await signedIn(role)).cookie;
  // The West Yorkshire configuration first, then a hostile tag name beside the real ones.
  openRound();
  addNamed("reporting_tag", null, EVIL_TAG, new Date());
  made = await reportRound(SPECS);
  writeTransaction((tx) => tx.update(organisations).set({ name: EVIL_ORGANISATION }).where(eq(organisations.id, made.organisationIds[0])).run());
  // Bid A arrived a year earlier than the rest, so the year filter has two years to choose from.
  const earlier = new Date(Date.now() - 366 * 86_400_000);
  writeTransaction((tx) => tx.update(bids).set({ submittedAt: earlier }).where(eq(bids.id, made.bidIds[0])).run());
  otherYear = financialYearOf(earlier);
  thisYear = financialYearOf(new Date());
  params = { fund: FUND, round: made.round.slug };
  reportUrl = `/funds/${FUND}/rounds/${made.round.slug}/report`;
});

async function report(query = "", role: Role = "grants_officer") {
  const response = await call(reportLoader, `${reportUrl}${query}`, { cookie: cookies[role], params });
  expect(response.status).toBe(200);
  return jsonOf<ReportJson>(response);
}

const tableOf = (data: ReportJson, split: string) => data.report.splits.find((s) => s.split === split)!.table;
const rowsByName = (table: ReportTableData) => Object.fromEntries(table.rows.map((r) => [r.name, r.figures]));

describe("the round report", () => {
  it("gives the headline figures: received, requested, eligible, funded, success rate and average award", async () => {
    const data = await report();
    // F was withdrawn: it is not counted anywhere.
    expect(data.report.total).toEqual(f(5, 800_000 + 600_050 + 400_000 + 250_075 + 100_000, 4, 2, 1_100_025));
    expect(data.round.releasedOn).toBe("1 March 2022");
    expect(rowsByName(data.report.summary)).toEqual({
      "Funded in full": f(1, 800_000, 1, 1, 800_000),
      "Funded in part": f(1, 600_050, 1, 1, 300_025),
      "Reserve list": f(1, 250_075, 1, 0, 0),
      "Not funded": f(1, 400_000, 1, 0, 0),
      "Not eligible": f(1, 100_000, 0, 0, 0),
    });
  });

  it("splits by priority and district with every application counted once, so each total is the sum of its rows", async () => {
    const data = await report();
    const priority = tableOf(data, "priority");
    expect(priority.rows.map((r) => r.name)).toEqual(["Keeping People Safe", "Safer Places and Thriving Communities", "Supporting Victims and Witnesses", "More than one priority", "No priority given"]);
    expect(rowsByName(priority)).toEqual({
      "Keeping People Safe": f(1, 800_000, 1, 1, 800_000),
      "Safer Places and Thriving Communities": f(1, 400_000, 1, 0, 0),
      "Supporting Victims and Witnesses": f(1, 100_000, 0, 0, 0),
      "More than one priority": f(1, 600_050, 1, 1, 300_025),
      "No priority given": f(1, 250_075, 1, 0, 0),
    });
    const district = rowsByName(tableOf(data, "district"));
    expect(district).toMatchObject({ Leeds: f(1, 800_000, 1, 1, 800_000), Bradford: f(1, 600_050, 1, 1, 300_025), Calderdale: f(0, 0, 0, 0, 0), Wakefield: f(1, 100_000, 0, 0, 0), "More than one district": f(1, 400_000, 1, 0, 0), "No district given": f(1, 250_075, 1, 0, 0) });
    expect(rowsByName(tableOf(data, "organisation_type"))).toMatchObject({ "Registered charity": f(2, 1_200_000, 2, 1, 800_000), "Charitable incorporated organisation (CIO)": f(1, 600_050, 1, 1, 300_025), "Constituted community group": f(1, 250_075, 1, 0, 0), "Type not given": f(1, 100_000, 0, 0, 0) });
    for (const table of [data.report.summary, ...data.report.splits.map((s) => s.table)]) {
      if (table.total === null) continue;
      expect(table.total, table.title).toEqual(sumOf(table.rows));
      expect(table.total, table.title).toEqual(data.report.total);
    }
  });

  it("counts a project under each of its tags and themes at its full amount, and says those rows overlap", async () => {
    const data = await report();
    const tag = tableOf(data, "tag");
    expect(tag.total).toBeNull();
    expect(tag.note).toMatch(/overlap/);
    expect(rowsByName(tag)).toMatchObject({ "Drugs and Alcohol": f(3, 1_500_050, 2, 2, 1_100_025), "Knife Crime": f(2, 850_125, 2, 1, 300_025), [EVIL_TAG]: f(1, 400_000, 1, 0, 0), "Hate Crime": f(0, 0, 0, 0, 0) });
    expect(tag.rows.some((r) => r.name === "No reporting tag")).toBe(false);
    const theme = tableOf(data, "theme");
    expect(theme.total).toBeNull();
    expect(rowsByName(theme)).toMatchObject({ "Safety of Women and Girls": f(2, 1_050_075, 2, 1, 800_000), "Effective Response to Men and Boys": f(2, 1_200_000, 2, 1, 800_000), "No theme given": f(2, 700_050, 1, 1, 300_025) });
  });

  it("shows the Drugs and Alcohol view one click away, whose totals are that tag's row", async () => {
    const all = await report();
    const view = await report("?tag=drugs-and-alcohol");
    expect(view.tag).toEqual({ slug: "drugs-and-alcohol", name: "Drugs and Alcohol" });
    expect(view.report.total).toEqual(rowsByName(tableOf(all, "tag"))["Drugs and Alcohol"]);
    for (const table of [view.report.summary, ...view.report.splits.map((s) => s.table)]) {
      if (table.total) expect(table.total, table.title).toEqual(view.report.total);
    }
  });

  it("filters by the financial year applications were submitted in", async () => {
    const data = await report();
    expect(data.years.map((y) => y.value)).toEqual([financialYearLabel(otherYear), financialYearLabel(thisYear)]);
    const earlier = await report(`?year=${financialYearLabel(otherYear)}`);
    expect(earlier.report.total).toEqual(f(1, 800_000, 1, 1, 800_000));
    const later = await report(`?year=${financialYearLabel(thisYear)}`);
    expect(later.report.total).toEqual(f(4, 1_350_125, 3, 1, 300_025));
  });

  it("marks decisions that have not been released as provisional, and keeps them out of the Panel report", async () => {
    const pending = await reportRound([{ pounds: 7000, eligible: true, decision: "fund_full", priorities: [0], themes: [], tags: ["Drugs and Alcohol"], districts: ["Leeds"], type: "registered_charity" }], { release: false });
    const response = await call(reportLoader, `/funds/${FUND}/rounds/${pending.round.slug}/report`, { cookie: cookies.finance, params: { fund: FUND, round: pending.round.slug } });
    const data = await jsonOf<ReportJson>(response);
    expect(data.round.releasedOn).toBeNull();
    expect(data.report.total.fundedPence).toBe(700_000);
    const panel = await jsonOf<{ unreleased: { code: string } | null; released: unknown }>(
      await call(panelLoader, `/funds/${FUND}/panel-report?round=${pending.round.slug}`, { cookie: cookies.grants_officer, params: { fund: FUND } }),
    );
    expect(panel.unreleased?.code).toBe(pending.round.code);
    expect(panel.released).toBeNull();
    const docx = await call(docxLoader, `/funds/${FUND}/panel-report.docx?round=${pending.round.slug}`, { cookie: cookies.grants_officer, params: { fund: FUND } });
    expect(docx.status).toBe(404);
  });
});

const poundsToPence = (text: string) => {
  const pence = parsePounds(text);
  if (pence === null) throw new Error(`not money: ${text}`);
  return pence;
};
/** An XLSX cell's number, whether a value or a formula's cached result. */
const numberOf = (value: ExcelJS.CellValue) => (typeof value === "object" && value !== null && "result" in value ? Number(value.result) : Number(value));

describe("the round report's downloads", () => {
  const TABLES = ["summary", "priority", "theme", "tag", "district", "organisation_type"] as const;

  it.each(TABLES)("%s: the CSV, read back, has the page's rows, and its total is the sum of them", async (table) => {
    const page = await report();
    const data = table === "summary" ? page.report.summary : tableOf(page, table);
    const response = await call(csvLoader, `${reportUrl}.csv?table=${table}`, { cookie: cookies.finance, params });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="round-report-mscf-${made.round.code.toLowerCase()}-${table.replace("_", "-")}.csv"`);
    const [header, ...records]: string[][] = parse(await response.text(), { bom: true });
    expect(header[0]).toBe(data.heading);
    const body = data.total ? records.slice(0, -1) : records;
    expect(body.map((r) => r[0].replace(/^'/, ""))).toEqual(data.rows.map((r) => r.name));
    const read = body.map((r) => f(Number(r[1]), poundsToPence(r[2]), Number(r[3]), Number(r[4]), poundsToPence(r[5])));
    expect(read).toEqual(data.rows.map((r) => r.figures));
    if (data.total) {
      const total = records.at(-1)!;
      expect(total[0]).toBe("Total");
      expect(f(Number(total[1]), poundsToPence(total[2]), Number(total[3]), Number(total[4]), poundsToPence(total[5]))).toEqual(read.reduce((t, r) => sumOf([{ figures: t }, { figures: r }]), f(0, 0, 0, 0, 0)));
      expect(f(Number(total[1]), poundsToPence(total[2]), Number(total[3]), Number(total[4]), poundsToPence(total[5]))).toEqual(page.report.total);
    }
  });

  it.each(TABLES)("%s: the XLSX, read back and summed, equals the page", async (table) => {
    const page = await report();
    const data = table === "summary" ? page.report.summary : tableOf(page, table);
    const response = await call(xlsxLoader, `${reportUrl}.xlsx?table=${table}`, { cookie: cookies.admin, params });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="round-report-.*\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const [header, ...records] = rows;
    expect(header[0]).toBe(data.heading);
    const body = data.total ? records.slice(0, -1) : records;
    const read = body.map((r) => f(numberOf(r[1]), Math.round(numberOf(r[2]) * 100), numberOf(r[3]), numberOf(r[4]), Math.round(numberOf(r[5]) * 100)));
    expect(read).toEqual(data.rows.map((r) => r.figures));
    if (data.total) {
      const total = records.at(-1)!;
      expect(total[0]).toBe("Total");
      expect(total[2]).toMatchObject({ formula: `SUM(C2:C${body.length + 1})` });
      const summed = sumOf(read.map((figures) => ({ figures })));
      expect(f(numberOf(total[1]), Math.round(numberOf(total[2]) * 100), numberOf(total[3]), numberOf(total[4]), Math.round(numberOf(total[5]) * 100))).toEqual(summed);
      expect(summed).toEqual(page.report.total);
    }
    expect(workbook.getWorksheet("About")).toBeDefined();
  });

  it("neutralises a tag name that a spreadsheet would run, in CSV and XLSX", async () => {
    const csv: string[][] = parse(await (await call(csvLoader, `${reportUrl}.csv?table=tag`, { cookie: cookies.finance, params })).text(), { bom: true });
    expect(csv.map((r) => r[0])).toContain(`'${EVIL_TAG}`);
    expect(csv.map((r) => r[0])).not.toContain(EVIL_TAG);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await call(xlsxLoader, `${reportUrl}.xlsx?table=tag`, { cookie: cookies.finance, params })).arrayBuffer());
    const names = workbook.worksheets[0].getColumn(1).values;
    expect(names).toContain(`'${EVIL_TAG}`);
    workbook.worksheets[0].eachRow((row) => expect(row.getCell(1).type).not.toBe(ExcelJS.ValueType.Formula));
  });

  it("downloads every application behind the figures, with an organisation's hostile name neutralised, summing to the page's totals", async () => {
    const page = await report();
    const csv: string[][] = parse(await (await call(csvLoader, `${reportUrl}.csv?table=applications`, { cookie: cookies.grants_officer, params })).text(), { bom: true });
    const [, ...records] = csv;
    const body = records.slice(0, -1);
    expect(body).toHaveLength(5);
    expect(body[0][1]).toBe(`'${EVIL_ORGANISATION}`);
    const total = records.at(-1)!;
    expect(total[0]).toBe("Total (5 applications)");
    expect(body.reduce((s, r) => s + poundsToPence(r[9]), 0)).toBe(page.report.total.requestedPence);
    expect(body.reduce((s, r) => s + poundsToPence(r[10]), 0)).toBe(page.report.total.fundedPence);
    expect([poundsToPence(total[9]), poundsToPence(total[10])]).toEqual([page.report.total.requestedPence, page.report.total.fundedPence]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await call(xlsxLoader, `${reportUrl}.xlsx?table=applications&tag=drugs-and-alcohol`, { cookie: cookies.grants_officer, params })).arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell("B2").value).toBe(`'${EVIL_ORGANISATION}`);
    expect(sheet.getCell("B2").type).toBe(ExcelJS.ValueType.String);
    // A, B and E carry the tag; the last row totals them with SUM formulas.
    expect(sheet.rowCount).toBe(5);
    expect(Math.round(numberOf(sheet.getCell("K5").value) * 100)).toBe(1_100_025);
    expect(sheet.getCell("K5").value).toMatchObject({ formula: "SUM(K2:K4)" });
  });
});

describe("the Police and Crime Panel report", () => {
  const panelUrl = `/funds/${FUND}/panel-report`;
  type PanelJson = {
    released: {
      periodLabel: string;
      paragraphs: string[];
      byPriority: ReportTableData;
      byDistrict: ReportTableData;
      taggedProjects: { bidId: number; organisationName: string; amountPence: number; returnKind: string | null; outcomes: { name: string; target: number; achieved: number | null }[] }[];
    };
  };
  const paragraph = () => `${made.round.code} awarded on 1 March 2022 \u2013 2 projects were awarded a total of £11,000.25. This round saw 2 Drugs and Alcohol projects funded totalling £11,000.25.`;

  beforeAll(() => {
    // Bid A's award has an accepted interim return; bid B's return is still waiting for review.
    const db = getDb();
    const [a, b] = made.bidIds.map((bidId) => db.select().from(awards).where(eq(awards.bidId, bidId)).get());
    const outcomeOf = (bidId: number) => db.select().from(bidOutcomes).where(eq(bidOutcomes.bidId, bidId)).get()!;
    writeTransaction((tx) => {
      const common = { kind: "interim" as const, beneficiariesReached: 25, story: "Going well", underspendPence: 0, submittedBy: made.officer.user.id, submittedAt: new Date() };
      const accepted = tx.insert(monitoringReturns).values({ ...common, awardId: a!.id, status: "accepted", reviewedBy: made.officer.user.id, reviewedAt: new Date() }).returning().get();
      tx.insert(returnOutcomes).values({ returnId: accepted.id, bidOutcomeId: outcomeOf(made.bidIds[0]).id, achieved: 35 }).run();
      const waiting = tx.insert(monitoringReturns).values({ ...common, awardId: b!.id, status: "submitted" }).returning().get();
      tx.insert(returnOutcomes).values({ returnId: waiting.id, bidOutcomeId: outcomeOf(made.bidIds[1]).id, achieved: 10 }).run();
    });
  });

  it("writes the Panel's paragraph from the released figures", async () => {
    for (const query of [`?round=${made.round.slug}`, "?year=2021-22"]) {
      const data = await jsonOf<PanelJson>(await call(panelLoader, `${panelUrl}${query}`, { cookie: cookies.finance, params: { fund: FUND } }));
      expect(data.released.paragraphs).toEqual([paragraph()]);
    }
  });

  it("tables funded projects by priority and district, each total the sum of its rows", async () => {
    const data = await jsonOf<PanelJson>(await call(panelLoader, `${panelUrl}?round=${made.round.slug}`, { cookie: cookies.admin, params: { fund: FUND } }));
    const { byPriority, byDistrict } = data.released;
    expect(Object.fromEntries(byPriority.rows.map((r) => [r.name, [r.figures.funded, r.figures.fundedPence]]))).toEqual({
      "Keeping People Safe": [1, 800_000],
      "Safer Places and Thriving Communities": [0, 0],
      "Supporting Victims and Witnesses": [0, 0],
      "More than one priority": [1, 300_025],
    });
    for (const table of [byPriority, byDistrict]) {
      expect(table.total).toEqual(sumOf(table.rows));
      expect([table.total!.funded, table.total!.fundedPence]).toEqual([2, 1_100_025]);
    }
    expect(byDistrict.rows.filter((r) => r.figures.funded > 0).map((r) => r.name)).toEqual(["Bradford", "Leeds"]);
  });

  it("lists the funded Drugs and Alcohol projects with their outcomes so far, from accepted returns only", async () => {
    const data = await jsonOf<PanelJson>(await call(panelLoader, `${panelUrl}?round=${made.round.slug}`, { cookie: cookies.grants_officer, params: { fund: FUND } }));
    const [a, b] = data.released.taggedProjects;
    expect(data.released.taggedProjects).toHaveLength(2);
    expect(a).toMatchObject({ bidId: made.bidIds[0], organisationName: EVIL_ORGANISATION, amountPence: 800_000, returnKind: "interim" });
    expect(a.outcomes).toEqual([expect.objectContaining({ target: 40, achieved: 35 })]);
    expect(b).toMatchObject({ bidId: made.bidIds[1], amountPence: 300_025, returnKind: null });
    expect(b.outcomes.map((o) => o.achieved)).toEqual([null]);
  });

  it("downloads as a Word document holding the same paragraph", async () => {
    const response = await call(docxLoader, `${panelUrl}.docx?round=${made.round.slug}`, { cookie: cookies.finance, params: { fund: FUND } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="panel-report-mscf-${made.round.slug}.docx"`);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain(paragraph());
    expect(xml).toContain("Funded projects by Police and Crime Plan priority");
    expect(xml).toContain("£11,000.25");
  });

  it("defaults to the latest released round, and says so when a year had no releases", async () => {
    const latest = await jsonOf<PanelJson>(await call(panelLoader, panelUrl, { cookie: cookies.finance, params: { fund: FUND } }));
    expect(latest.released.periodLabel).toBe(`${made.round.code}: ${made.round.name}`);
    const empty = await jsonOf<PanelJson>(await call(panelLoader, `${panelUrl}?year=2019-20`, { cookie: cookies.finance, params: { fund: FUND } }));
    expect(empty.released.paragraphs).toEqual(["No funding decisions were released in 2019-20."]);
    expect(empty.released.byPriority.total).toMatchObject({ funded: 0, fundedPence: 0 });
  });
});

describe("who can see the reports", () => {
  const routes = () =>
    [
      [reportLoader, reportUrl, params],
      [csvLoader, `${reportUrl}.csv?table=priority`, params],
      [xlsxLoader, `${reportUrl}.xlsx?table=priority`, params],
      [panelLoader, `/funds/${FUND}/panel-report`, { fund: FUND }],
      [docxLoader, `/funds/${FUND}/panel-report.docx`, { fund: FUND }],
    ] as const;

  it.each(["applicant", "assessor"] as const)("refuses a signed-in %s", async (role) => {
    for (const [loader, url, p] of routes()) expect((await call(loader, url, { cookie: cookies[role], params: p })).status).toBe(403);
  });

  it.each(["grants_officer", "finance", "admin"] as const)("lets a %s in", async (role) => {
    for (const [loader, url, p] of routes()) expect((await call(loader, url, { cookie: cookies[role], params: p })).status).toBe(200);
  });

  it("answers 404 for an unknown fund, round, tag, table or period, or a malformed year", async () => {
    const officer = { cookie: cookies.grants_officer };
    const notFound = async (loader: Parameters<typeof call>[0], url: string, p: Record<string, string>) => expect((await call(loader, url, { ...officer, params: p })).status, url).toBe(404);
    await notFound(reportLoader, reportUrl, { fund: FUND, round: "no-such-round" });
    await notFound(reportLoader, reportUrl, { fund: "no-such-fund", round: made.round.slug });
    await notFound(reportLoader, `${reportUrl}?tag=no-such-tag`, params);
    await notFound(reportLoader, `${reportUrl}?year=2021`, params);
    await notFound(csvLoader, `${reportUrl}.csv?table=passwords`, params);
    await notFound(xlsxLoader, `${reportUrl}.xlsx`, { fund: FUND, round: "no-such-round" });
    await notFound(panelLoader, "/funds/no-such-fund/panel-report", { fund: "no-such-fund" });
    await notFound(panelLoader, `/funds/${FUND}/panel-report?round=no-such-round`, { fund: FUND });
    await notFound(docxLoader, `/funds/${FUND}/panel-report.docx?year=twenty`, { fund: FUND });
  });
});
