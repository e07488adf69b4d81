import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { csvRecords, exportFileName } from "~/domain/finance/export";
import { reconciliationFromQuery } from "~/models/finance/reconciliation.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

/**
 * The reconciliation's rows and totals as CSV, for the finance system: the same scope and the same
 * figures as the page. Amounts are pounds to the penny, written from pence as text; the byte-order
 * mark lets Excel read the names as UTF-8.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const data = reconciliationFromQuery(new URL(request.url).searchParams, now()) ?? notFound();
  const body = stringify(csvRecords(data.rows, data.totals), { bom: true, record_delimiter: "windows" });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(data.labels, "csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
