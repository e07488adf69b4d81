/** E-mails about bids, sent after the change has been committed. */
import { formatPence } from "~/domain/money/money";
import { formatLondonDateTime } from "~/domain/time/london";
import { sendMail } from "~/services/mail.server";
import { getEnv } from "~/utils/env.server";
import { getBidForStaff } from "./bid.server";
import { getOrganisationProfile } from "./organisation-profile.server";
import { findUserById } from "./user.server";

/** To the person who submitted and the organisation's main contact. */
export async function sendSubmissionConfirmation(bidId: number, submittedBy: number): Promise<void> {
  const bid = getBidForStaff(bidId);
  if (!bid?.reference || !bid.submittedAt) return;
  const submitter = findUserById(submittedBy);
  const contact = getOrganisationProfile(bid.organisationId)?.contactEmail;
  const to = [...new Set([submitter?.email, contact].filter(Boolean) as string[])];
  await sendMail({
    to: to.join(", "),
    subject: `Bid received: ${bid.reference}`,
    text: [
      `Thank you. We received ${bid.organisationName}'s bid to the ${bid.fundName}, ${bid.roundName}.`,
      "",
      `Reference: ${bid.reference}`,
      `Project: ${bid.projectTitle}`,
      `Amount requested: ${formatPence(bid.amountRequestedPence ?? 0)}`,
      `Submitted: ${formatLondonDateTime(new Date(bid.submittedAt))}`,
      "",
      `You can see its status at ${getEnv().PUBLIC_URL}/applications/${bid.id}`,
      "Keep this email: quote the reference if you contact us.",
    ].join("\n"),
  });
}
