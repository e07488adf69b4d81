import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFundBySlug } from "~/models/fund.server";
import { threeSixtyJsonStream } from "~/models/publishing/threesixty.server";
import { notFound } from "~/utils/auth.server";

/**
 * Public: every published award of the fund as a 360Giving data package, streamed as it is read so
 * a fund with thousands of awards costs no more memory than one with ten. Anyone may reuse it, so
 * any site may fetch it.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const fund = getFundBySlug(params.fund ?? "") ?? notFound();
  return new Response(threeSixtyJsonStream(fund, { waitForDrain: (context as { waitForDrain?: () => Promise<void> }).waitForDrain }), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="${fund.slug}-360giving.json"`,
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=300",
    },
  });
}
