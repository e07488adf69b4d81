import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileName } from "~/domain/finance/export";
import { reconciliationWorkbook } from "~/models/finance/reconciliation-workbook.server";
import { reconciliationFromQuery } from "~/models/finance/reconciliation.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

/** The reconciliation as a real spreadsheet: money as numbers in pounds, totals as SUM formulas. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const data = reconciliationFromQuery(new URL(request.url).searchParams, at) ?? notFound();
  const buffer = await reconciliationWorkbook(data, { exportedBy: user.name, at });
  return new Response(buffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${exportFileName(data.labels, "xlsx")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
