import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/govuk";
import { formatLondonDateTime } from "~/domain/time/london";
import { requireMemberBid } from "~/models/bid-access.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Bid submitted" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  if (!bid.reference || !bid.submittedAt) throw redirect(`/applications/${bid.id}`);
  return json({ id: bid.id, reference: bid.reference, submittedAt: bid.submittedAt, roundName: bid.roundName, fundName: bid.fundName, closesAt: bid.closesAt });
}

export default function Confirmation() {
  const bid = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Bid submitted">
          Your reference number
          <br />
          <strong>{bid.reference}</strong>
        </Panel>
        <p className="govuk-body">We have sent you a confirmation email. It was submitted {formatLondonDateTime(new Date(bid.submittedAt))}.</p>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          After the {bid.fundName} {bid.roundName} closes on {formatLondonDateTime(new Date(bid.closesAt))}, we check every bid is eligible, then assessors score it against the Police and Crime Plan priorities. A panel decides which bids to fund within the round's budget, and we will email you the decision.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/applications/${bid.id}`}>
            See your bid and its status
          </Link>
        </p>
      </div>
    </div>
  );
}
