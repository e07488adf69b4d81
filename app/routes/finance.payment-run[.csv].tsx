import type { LoaderFunctionArgs } from "@remix-run/node";
import { periodFromQuery } from "~/domain/finance/payment-form";
import { paymentRunCsv, paymentRunFilename } from "~/domain/finance/payment-run-csv";
import { paymentRun } from "~/models/finance/payments.server";
import { requireRole } from "~/utils/auth.server";

/**
 * GET /finance/payment-run.csv?from=2026-04-01&to=2026-04-30: every payment (and correction) whose
 * money moved in those days, for the finance system. A resource route: there is no page to show an
 * error on, so a bad period is a plain 400 (the dashboard's form checks it first).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const url = new URL(request.url);
  const period = periodFromQuery(url.searchParams.get("from"), url.searchParams.get("to"));
  if (!period) return new Response("Give the payment run's first and last days as from=YYYY-MM-DD&to=YYYY-MM-DD, the first not after the last.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { rows } = paymentRun(period.from, period.to);
  return new Response(paymentRunCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${paymentRunFilename(period.to)}"`,
      // Bank-adjacent data: never kept in a shared cache.
      "Cache-Control": "no-store",
    },
  });
}
