/**
 * The Police and Crime Panel report as a Word document (docx): the same paragraphs, tables and
 * project list as the page, so an officer can paste it into the Panel's papers. Server-only: the
 * docx library has no place in the browser bundle. It reads nothing from the database itself.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { formatPence } from "~/domain/money/money";
import { outcomeProgressText, returnStatusText } from "~/domain/reports/outcome-progress";
import { PANEL_TABLE_NOTE, periodLabel } from "~/domain/reports/panel";
import type { ReportTableData } from "~/domain/reports/splits";
import { formatLondonDate } from "~/domain/time/london";
import type { ReleasedPanelReport } from "./panel-report.server";

function cell(text: string, { bold = false, numeric = false } = {}) {
  return new TableCell({ children: [new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold })] })] });
}

/** Name, projects funded, amount awarded; a total row when the rows add up. */
function fundedTable(table: ReportTableData): Table {
  const header = new TableRow({ tableHeader: true, children: [cell(table.heading, { bold: true }), cell("Projects funded", { bold: true, numeric: true }), cell("Amount awarded", { bold: true, numeric: true })] });
  const rows = table.rows.map((r) => new TableRow({ children: [cell(r.name), cell(String(r.figures.funded), { numeric: true }), cell(formatPence(r.figures.fundedPence), { numeric: true })] }));
  const total = table.total ? [new TableRow({ children: [cell("Total", { bold: true }), cell(String(table.total.funded), { bold: true, numeric: true }), cell(formatPence(table.total.fundedPence), { bold: true, numeric: true })] })] : [];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows, ...total] });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun(text)] });
const body = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 160 } });

export async function panelReportDocx(report: ReleasedPanelReport, meta: { author: string; at: Date }): Promise<Uint8Array<ArrayBuffer>> {
  const title = `Police and Crime Panel report: ${report.fund.name}`;
  const projects = report.taggedProjects.flatMap((p) => [
    new Paragraph({
      bullet: { level: 0 },
      children: [new TextRun({ text: `${p.organisationName}: ${p.projectTitle ?? "untitled project"}`, bold: true }), new TextRun(` (${p.reference ?? "no reference"}${p.districts ? `, ${p.districts}` : ""}), ${formatPence(p.amountPence)}. ${returnStatusText(p.returnKind, p.beneficiariesReached)}`)],
    }),
    ...p.outcomes.map((o) => new Paragraph({ bullet: { level: 1 }, children: [new TextRun(outcomeProgressText(o))] })),
  ]);
  const doc = new Document({
    creator: meta.author,
    title,
    description: periodLabel(report.period),
    sections: [
      {
        children: [
          heading(title, HeadingLevel.HEADING_1),
          body(periodLabel(report.period)),
          ...report.paragraphs.map(body),
          heading("Funded projects by Police and Crime Plan priority", HeadingLevel.HEADING_2),
          fundedTable(report.byPriority),
          body(PANEL_TABLE_NOTE.priority),
          heading("Funded projects by district", HeadingLevel.HEADING_2),
          fundedTable(report.byDistrict),
          body(PANEL_TABLE_NOTE.district),
          ...(report.tag
            ? [
                heading(`Funded ${report.tag.name} projects and their outcomes so far`, HeadingLevel.HEADING_2),
                ...(projects.length ? projects : [body(`No ${report.tag.name} projects were funded in this period.`)]),
              ]
            : []),
          new Paragraph({ children: [new TextRun({ text: `Produced from the grants portal on ${formatLondonDate(meta.at)}. Only released decisions are included.`, italics: true })] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
