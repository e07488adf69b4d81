import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BackLink, Button } from "~/components/govuk";
import { canWithdraw, type BidStatus } from "~/domain/bids/status";
import { requireMemberBid } from "~/models/bid-access.server";
import { withdrawBid } from "~/models/bid.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Withdraw your bid" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  if (!canWithdraw(bid.status as BidStatus)) throw redirect(`/applications/${bid.id}`);
  return json({ id: bid.id, title: bid.projectTitle ?? "your bid", reference: bid.reference });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  withdrawBid(bid.id, user.id, now());
  return redirect(`/applications/${bid.id}`);
}

export default function Withdraw() {
  const bid = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/applications/${bid.id}`}>Back to your bid</BackLink>
        <h1 className="govuk-heading-l">Are you sure you want to withdraw {bid.reference ? `bid ${bid.reference}` : "this bid"}?</h1>
        <p className="govuk-body">A withdrawn bid will not be assessed. You can start a new bid in this round while it is open.</p>
        <Form method="post">
          <Button warning>Withdraw bid</Button>
        </Form>
      </div>
    </div>
  );
}
