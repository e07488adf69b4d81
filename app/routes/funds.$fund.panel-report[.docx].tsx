import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportFileName } from "~/domain/reports/export";
import { financialYearLabel } from "~/domain/money/ledger";
import { panelReportDocx } from "~/models/reports/panel-docx.server";
import { panelReport } from "~/models/reports/panel-report.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

/**
 * The Police and Crime Panel report as a Word document, for the same period as the page
 * (`?round=gr1` or `?year=2021-22`). A round whose decisions are not released has nothing to
 * report, so it is not found here (the page explains why).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "finance", "admin"]);
  const at = now();
  const report = panelReport(params.fund ?? "", new URL(request.url).searchParams, at) ?? notFound();
  if (report.unreleased) notFound();
  const period = report.choice.kind === "round" ? report.choice.slug : financialYearLabel(report.choice.year);
  const body = await panelReportDocx(report, { author: user.name, at });
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${reportFileName(["panel-report", report.fund.code, period], "docx")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
