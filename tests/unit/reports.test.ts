import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileNameFrom, formatBytes } from "~/components/reports/DownloadLink";
import { barLength, chartDescription, chartLayout, CHART, shortName } from "~/domain/reports/chart-scale";
import { csvRow, csvTableRecords, reportFileName, tableHeader, xlsxRow } from "~/domain/reports/export";
import { addFigures, averageAwardPence, formatAverageAward, formatSuccessRate, NO_FIGURES, successRateTenths, sumFigures, type Figures } from "~/domain/reports/figures";
import { financialYearRange, filtersQuery, parseFinancialYear, parseReportFilters } from "~/domain/reports/filters";
import { latestReturn, outcomeProgressText, returnStatusText } from "~/domain/reports/outcome-progress";
import { STANDING_LABEL, summaryTable } from "~/domain/reports/outcomes";
import { listInWords, panelParagraphs, roundParagraph, yearParagraph, type ReleasedRound } from "~/domain/reports/panel";
import { exportTableFromQuery, NONE_KEY, SEVERAL_KEY, SPLITS, splitTable } from "~/domain/reports/splits";
import { londonWallClockToInstant } from "~/domain/time/london";

const figures = (received: number, requestedPence: number, eligible: number, funded: number, fundedPence: number): Figures => ({ received, requestedPence, eligible, funded, fundedPence });

const figuresArb = fc
  .record({ received: fc.integer({ min: 1, max: 500 }), requested: fc.integer({ min: 0, max: 800_000 }) })
  .chain(({ received, requested }) =>
    fc.record({
      received: fc.constant(received),
      requestedPence: fc.constant(received * requested),
      eligible: fc.integer({ min: 0, max: received }),
      funded: fc.integer({ min: 0, max: received }),
      fundedPence: fc.integer({ min: 0, max: received * 800_000 }),
    }),
  );

describe("figures", () => {
  it("adds up field by field", () => {
    expect(addFigures(figures(1, 100, 1, 1, 50), figures(2, 201, 1, 0, 0))).toEqual(figures(3, 301, 2, 1, 50));
    expect(sumFigures([])).toEqual(NO_FIGURES);
  });

  it.each([
    [1, 3, 333, "33.3%"],
    [2, 3, 667, "66.7%"],
    [1, 8, 125, "12.5%"],
    [39, 39, 1000, "100.0%"],
    [0, 5, 0, "0.0%"],
    // 0.05% is exactly half a tenth: rounded up.
    [1, 2000, 1, "0.1%"],
  ])("gives %i funded of %i received as a success rate of %s tenths (%s)", (funded, received, tenths, text) => {
    expect(successRateTenths({ funded, received })).toBe(tenths);
    expect(formatSuccessRate({ funded, received })).toBe(text);
  });

  it("has no success rate when nothing was received, and no average when nothing was funded", () => {
    expect(successRateTenths({ funded: 0, received: 0 })).toBeNull();
    expect(formatSuccessRate({ funded: 0, received: 0 })).toBe("");
    expect(averageAwardPence({ funded: 0, fundedPence: 0 })).toBeNull();
    expect(formatAverageAward({ funded: 0, fundedPence: 0 })).toBe("");
  });

  it("averages awards in whole pence, half a penny rounded up", () => {
    expect(averageAwardPence({ funded: 3, fundedPence: 100 })).toBe(33);
    expect(averageAwardPence({ funded: 3, fundedPence: 200 })).toBe(67);
    expect(averageAwardPence({ funded: 2, fundedPence: 1 })).toBe(1);
    // GR1: £208,254.93 over 39 projects.
    expect(formatAverageAward({ funded: 39, fundedPence: 20_825_493 })).toBe("£5,339.87");
  });

  it("keeps the average within a penny of the exact mean, for any amounts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), (funded, fundedPence) => {
        const average = averageAwardPence({ funded, fundedPence })!;
        expect(Number.isSafeInteger(average)).toBe(true);
        expect(Math.abs(average * funded - fundedPence)).toBeLessThanOrEqual(funded / 2);
      }),
    );
  });
});

describe("splits", () => {
  const values = [
    { key: "1", name: "Keeping People Safe" },
    { key: "2", name: "Safer Places and Thriving Communities" },
    { key: "3", name: "Supporting Victims and Witnesses" },
  ];

  it("lists every configured value in order (zeros too), then the catch-all rows, with the total the sum of the rows", () => {
    const table = splitTable(
      "priority",
      values,
      new Map([
        [NONE_KEY, figures(1, 100, 0, 0, 0)],
        ["2", figures(2, 1_000_000, 2, 1, 500_000)],
        [SEVERAL_KEY, figures(1, 800_000, 1, 1, 800_000)],
      ]),
    );
    expect(table.rows.map((r) => r.name)).toEqual(["Keeping People Safe", "Safer Places and Thriving Communities", "Supporting Victims and Witnesses", "More than one priority", "No priority given"]);
    expect(table.rows[0].figures).toEqual(NO_FIGURES);
    expect(table.total).toEqual(figures(4, 1_800_100, 3, 2, 1_300_000));
    expect(table.note).toBe(SPLITS.priority.note);
  });

  it("keeps figures for a value no longer configured rather than losing them", () => {
    const table = splitTable("district", values, new Map([["99", figures(1, 5, 1, 1, 5)]]));
    expect(table.rows.at(-1)).toEqual({ key: "99", name: "Unknown (99)", figures: figures(1, 5, 1, 1, 5) });
    expect(table.total).toEqual(figures(1, 5, 1, 1, 5));
  });

  it("gives overlapping splits (tags, themes) no total, and says why", () => {
    const table = splitTable("tag", values, new Map([["1", figures(2, 10, 2, 2, 10)]]));
    expect(table.total).toBeNull();
    expect(table.note).toMatch(/overlap and are not added up/);
  });

  it("makes every exclusive split's total the sum of its rows, for any figures", () => {
    fc.assert(
      fc.property(fc.constantFrom("priority" as const, "district" as const, "organisation_type" as const), fc.dictionary(fc.constantFrom("1", "2", "3", "4", SEVERAL_KEY, NONE_KEY), figuresArb), (split, aggregates) => {
        const table = splitTable(split, values, new Map(Object.entries(aggregates)));
        const sum = table.rows.reduce((t, r) => addFigures(t, r.figures), NO_FIGURES);
        expect(table.total).toEqual(sum);
        expect(sum).toEqual(Object.values(aggregates).reduce(addFigures, NO_FIGURES));
      }),
    );
  });

  it("puts every application in one row of the outcome summary, funded first", () => {
    const table = summaryTable(
      new Map([
        ["not_eligible", figures(1, 100, 0, 0, 0)],
        ["fund_full", figures(2, 200, 2, 2, 200)],
        ["reserve", figures(1, 50, 1, 0, 0)],
      ]),
    );
    expect(table.rows.map((r) => r.name)).toEqual([STANDING_LABEL.fund_full, STANDING_LABEL.reserve, STANDING_LABEL.not_eligible]);
    expect(table.total).toEqual(figures(4, 350, 3, 2, 200));
  });

  it("reads the export's table from the query: the summary by default, nothing for an unknown name", () => {
    expect(exportTableFromQuery(new URLSearchParams(""))).toBe("summary");
    expect(exportTableFromQuery(new URLSearchParams("table=organisation_type"))).toBe("organisation_type");
    expect(exportTableFromQuery(new URLSearchParams("table=applications"))).toBe("applications");
    expect(exportTableFromQuery(new URLSearchParams("table=passwords"))).toBeNull();
  });
});

describe("the Police and Crime Panel's paragraphs", () => {
  const gr1: ReleasedRound = {
    code: "GR1",
    name: "Grant round 1",
    releasedAt: londonWallClockToInstant("2022-03-01", "10:00"),
    funded: { count: 39, totalPence: 20_825_493 },
    tagged: { count: 11, totalPence: 6_246_841 },
  };

  it("writes GR1's paragraph exactly as the published report words it", () => {
    expect(roundParagraph(gr1, "Drugs and Alcohol")).toBe(
      "GR1 awarded on 1 March 2022 \u2013 39 projects were awarded a total of £208,254.93. This round saw 11 Drugs and Alcohol projects funded totalling £62,468.41.",
    );
  });

  it("uses the singular for one project, and says when none carried the tag", () => {
    const one = { ...gr1, code: "GR2", funded: { count: 1, totalPence: 800_000 }, tagged: { count: 1, totalPence: 800_000 } };
    expect(roundParagraph(one, "Drugs and Alcohol")).toBe("GR2 awarded on 1 March 2022 \u2013 1 project was awarded a total of £8,000.00. This round saw 1 Drugs and Alcohol project funded totalling £8,000.00.");
    expect(roundParagraph({ ...one, tagged: { count: 0, totalPence: 0 } }, "Drugs and Alcohol")).toMatch(/This round funded no Drugs and Alcohol projects\.$/);
  });

  it("leaves the tag out when no such tag is configured, and says when nothing was awarded", () => {
    expect(roundParagraph({ ...gr1, tagged: null }, null)).toBe("GR1 awarded on 1 March 2022 \u2013 39 projects were awarded a total of £208,254.93.");
    expect(roundParagraph({ ...gr1, funded: { count: 0, totalPence: 0 } }, "Drugs and Alcohol")).toBe("GR1 decisions were released on 1 March 2022 \u2013 no projects were awarded.");
  });

  it("opens a year of several rounds with the year's totals, then each round", () => {
    const gr2: ReleasedRound = { code: "GR2", name: "Grant round 2", releasedAt: londonWallClockToInstant("2022-03-30", "10:00"), funded: { count: 18, totalPence: 13_000_000 }, tagged: { count: 7, totalPence: 5_000_000 } };
    const paragraphs = panelParagraphs({ kind: "year", year: 2021, rounds: [gr1, gr2] }, "Drugs and Alcohol");
    expect(paragraphs[0]).toBe("In 2021-22, 57 projects were awarded a total of £338,254.93 across 2 rounds (GR1 and GR2). Across the year, 18 Drugs and Alcohol projects were funded totalling £112,468.41.");
    expect(paragraphs.slice(1)).toEqual([roundParagraph(gr1, "Drugs and Alcohol"), roundParagraph(gr2, "Drugs and Alcohol")]);
  });

  it("gives a year of one round that round's paragraph, and says when a year had none", () => {
    expect(panelParagraphs({ kind: "year", year: 2021, rounds: [gr1] }, "Drugs and Alcohol")).toEqual([roundParagraph(gr1, "Drugs and Alcohol")]);
    expect(panelParagraphs({ kind: "year", year: 2023, rounds: [] }, "Drugs and Alcohol")).toEqual(["No funding decisions were released in 2023-24."]);
    expect(yearParagraph(2021, [{ ...gr1, funded: { count: 0, totalPence: 0 } }, { ...gr1, code: "GR2", funded: { count: 0, totalPence: 0 } }], null)).toBe("In 2021-22, decisions were released for 2 rounds (GR1 and GR2) and no projects were awarded.");
  });

  it("lists names in words", () => {
    expect(listInWords([])).toBe("");
    expect(listInWords(["GR1"])).toBe("GR1");
    expect(listInWords(["GR1", "GR2", "GR3"])).toBe("GR1, GR2 and GR3");
  });

  it("tells outcomes so far from the latest accepted return, the final one first", () => {
    expect(latestReturn([{ kind: "interim" as const, id: 1 }, { kind: "final" as const, id: 2 }])?.id).toBe(2);
    expect(latestReturn([{ kind: "interim" as const, id: 1 }])?.id).toBe(1);
    expect(latestReturn([])).toBeNull();
    expect(outcomeProgressText({ name: "Use of drugs", target: 40, measure: "Key worker records", achieved: 35 })).toBe("Use of drugs: 35 achieved against a target of 40");
    expect(outcomeProgressText({ name: "Use of drugs", target: 40, measure: "Key worker records", achieved: null })).toBe("Use of drugs: target 40, nothing reported yet");
    expect(returnStatusText(null, null)).toBe("No monitoring return accepted yet.");
    expect(returnStatusText("interim", 1)).toBe("From the interim return. 1 person reached.");
  });
});

describe("report filters", () => {
  it("reads a financial year as people write it, and nothing else", () => {
    expect(parseFinancialYear("2021-22")).toBe(2021);
    expect(parseFinancialYear("1999-00")).toBe(1999);
    expect(parseFinancialYear("2021-23")).toBeNull();
    expect(parseFinancialYear("2021")).toBeNull();
  });

  it("refuses a malformed filter rather than quietly showing everything", () => {
    expect(parseReportFilters(new URLSearchParams(""))).toEqual({ tag: null, year: null });
    expect(parseReportFilters(new URLSearchParams("tag=&year="))).toEqual({ tag: null, year: null });
    expect(parseReportFilters(new URLSearchParams("tag=drugs-and-alcohol&year=2021-22"))).toEqual({ tag: "drugs-and-alcohol", year: 2021 });
    expect(parseReportFilters(new URLSearchParams("tag=Drugs and Alcohol"))).toBeNull();
    expect(parseReportFilters(new URLSearchParams("year=last-year"))).toBeNull();
  });

  it("writes the filters back into a query", () => {
    expect(filtersQuery({ tag: "drugs-and-alcohol", year: 2021 }, { table: "tag" })).toBe("tag=drugs-and-alcohol&year=2021-22&table=tag");
    expect(filtersQuery({ tag: null, year: null })).toBe("");
  });

  it("runs a financial year from midnight UK time on 1 April (BST, so 11pm UTC the day before)", () => {
    const { from, to } = financialYearRange(2021);
    expect(from.toISOString()).toBe("2021-03-31T23:00:00.000Z");
    expect(to.toISOString()).toBe("2022-03-31T23:00:00.000Z");
  });
});

describe("report exports", () => {
  it("neutralises every text cell a spreadsheet would run, in CSV and XLSX rows", () => {
    for (const name of ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+1", "-1", "@SUM(A1)", "\tTab", "\rReturn"]) {
      expect(csvRow(name, NO_FIGURES)[0]).toBe(`'${name}`);
      expect(xlsxRow(name, NO_FIGURES)[0]).toBe(`'${name}`);
    }
    expect(csvRow("Leeds", NO_FIGURES)[0]).toBe("Leeds");
  });

  it("writes money as exact pounds from pence, and the derived figures from the row's own sums", () => {
    expect(csvRow("Leeds", figures(3, 1_500_001, 2, 2, 1_000_001))).toEqual(["Leeds", "3", "15000.01", "2", "2", "10000.01", "66.7%", "5000.01"]);
    expect(xlsxRow("Leeds", figures(3, 1_500_001, 2, 2, 1_000_001))).toEqual(["Leeds", 3, 15000.01, 2, 2, 10000.01, 0.667, 5000.01]);
    expect(csvRow("Nobody", NO_FIGURES).slice(-2)).toEqual(["", ""]);
  });

  it("adds a total row to tables whose rows add up, and none to overlapping ones", () => {
    const rows = [
      { key: "1", name: "Leeds", figures: figures(1, 100, 1, 1, 100) },
      { key: "2", name: "Bradford", figures: figures(2, 250, 1, 1, 99) },
    ];
    const exclusive = [...csvTableRecords({ title: "By district", heading: "District", rows, total: sumFigures(rows), note: "" })];
    expect(exclusive[0]).toEqual(tableHeader({ heading: "District" }));
    expect(exclusive.at(-1)).toEqual(["Total", "3", "3.50", "2", "2", "1.99", "66.7%", "1.00"]);
    const overlapping = [...csvTableRecords({ title: "By reporting tag", heading: "Reporting tag", rows, total: null, note: "" })];
    expect(overlapping).toHaveLength(3);
  });

  it("names files from the scope, safely", () => {
    expect(reportFileName(["round-report", "MSCF", "GR1", "tag", "drugs-and-alcohol", "2021-22"], "csv")).toBe("round-report-mscf-gr1-tag-drugs-and-alcohol-2021-22.csv");
    expect(reportFileName(["panel-report", null, "gr1\"; x=y"], "docx")).toBe("panel-report-gr1-x-y.docx");
  });
});

describe("the bar chart's scale", () => {
  it("draws nothing for nothing, at least a sliver for a little, and the largest at full length", () => {
    expect(barLength(0, 100)).toBe(0);
    expect(barLength(-5, 100)).toBe(0);
    expect(barLength(5, 0)).toBe(0);
    expect(barLength(1, 1_000_000)).toBe(1);
    expect(barLength(100, 100)).toBe(CHART.barMax);
    expect(barLength(50, 100)).toBe(Math.round(CHART.barMax / 2));
  });

  it("shortens long names for the chart only", () => {
    const long = "Responding to Multiple and Complex Needs, and a great deal more besides";
    expect(shortName(long)).toHaveLength(CHART.maxName);
    expect(shortName(long).endsWith("\u2026")).toBe(true);
    expect(shortName("Leeds")).toBe("Leeds");
  });

  it("lays out a group of bars per row, with a legend for more than one series, and describes every figure", () => {
    const series = [
      { key: "requested", name: "Amount requested", colour: "#1d70b8" },
      { key: "funded", name: "Amount funded", colour: "#00703c" },
    ];
    const rows = [
      { key: "a", name: "Leeds", values: [800_000, 400_000], labels: ["£8,000.00", "£4,000.00"] },
      { key: "b", name: "Bradford", values: [0, 0], labels: ["£0.00", "£0.00"] },
    ];
    const layout = chartLayout(series, rows);
    expect(layout.legend).toBe(true);
    expect(layout.rows[0].bars.map((b) => b.length)).toEqual([CHART.barMax, Math.round(CHART.barMax / 2)]);
    expect(layout.rows[1].bars.map((b) => b.length)).toEqual([0, 0]);
    expect(layout.rows[1].nameY).toBeGreaterThan(layout.rows[0].bars[1].y);
    expect(layout.height).toBeGreaterThan(layout.rows[1].bars[1].y);
    expect(chartDescription(series, rows)).toBe("Leeds: amount requested £8,000.00, amount funded £4,000.00. Bradford: amount requested £0.00, amount funded £0.00.");
    expect(chartDescription(series, [], "No applications")).toBe("No applications");
  });
});

describe("the download progress", () => {
  it("says honestly how much has arrived, and keeps the server's file name", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(240 * 1024)).toBe("240 KB");
    expect(formatBytes(3.5 * 1024 * 1024)).toBe("3.5 MB");
    expect(fileNameFrom('attachment; filename="round-report-mscf-gr1-tag.csv"', "x.csv")).toBe("round-report-mscf-gr1-tag.csv");
    expect(fileNameFrom(null, "x.csv")).toBe("x.csv");
  });
});
