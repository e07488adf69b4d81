import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFundBySlug } from "~/models/fund.server";
import { threeSixtyCsvStream } from "~/models/publishing/threesixty.server";
import { notFound } from "~/utils/auth.server";

/**
 * Public: the fund's published awards in 360Giving's spreadsheet columns, for people who open data
 * in Excel. Streamed like the JSON package; typed text is neutralised so no cell runs as a formula.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const fund = getFundBySlug(params.fund ?? "") ?? notFound();
  return new Response(threeSixtyCsvStream(fund, { waitForDrain: (context as { waitForDrain?: () => Promise<void> }).waitForDrain }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fund.slug}-360giving.csv"`,
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=300",
    },
  });
}
