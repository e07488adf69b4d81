import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { exportTableFromQuery } from "~/domain/reports/splits";
import { csvReadable } from "~/models/reports/export-stream.server";
import { roundReportExport } from "~/models/reports/round-report-export.server";
import { roundReportFromRequest } from "~/models/reports/round-report.server";
import { notFound, requireRole } from "~/utils/auth.server";

/**
 * One table of the round report as CSV (`?table=summary|priority|theme|tag|district|
 * organisation_type|applications`, with the page's own filters), streamed: rows are written as
 * the response is read, never built up as a whole file first.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "finance", "admin"]);
  const search = new URL(request.url).searchParams;
  const ctx = roundReportFromRequest(params, search) ?? notFound();
  const table = exportTableFromQuery(search) ?? notFound();
  const spec = roundReportExport(ctx, table);
  return new Response(createReadableStreamFromReadable(csvReadable(spec.csv())), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${spec.fileName("csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
