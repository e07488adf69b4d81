import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { exportTableFromQuery } from "~/domain/reports/splits";
import { xlsxReadable } from "~/models/reports/export-stream.server";
import { roundReportExport } from "~/models/reports/round-report-export.server";
import { roundReportFromRequest } from "~/models/reports/round-report.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

/**
 * One table of the round report as a real spreadsheet: money as numbers in pounds, totals as SUM
 * formulas, and an About sheet saying what the figures cover. Written by exceljs's streaming
 * WorkbookWriter straight into the response.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "finance", "admin"]);
  const search = new URL(request.url).searchParams;
  const ctx = roundReportFromRequest(params, search) ?? notFound();
  const table = exportTableFromQuery(search) ?? notFound();
  const spec = roundReportExport(ctx, table);
  const at = now();
  return new Response(createReadableStreamFromReadable(xlsxReadable(spec.sheet(), spec.about(user.name, at), { creator: user.name, at })), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${spec.fileName("xlsx")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
