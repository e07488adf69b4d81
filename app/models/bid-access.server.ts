/** Loads a bid for the signed-in applicant or answers 404: the one door to a bid from a route. */
import { notFound } from "~/utils/auth.server";
import type { SignedInUser } from "~/utils/auth.server";
import { getBidForMember } from "./bid.server";

export function requireMemberBid(user: SignedInUser, bidIdParam: string | undefined) {
  const bidId = Number(bidIdParam);
  if (!Number.isSafeInteger(bidId) || bidId <= 0) notFound();
  const bid = getBidForMember(bidId, user.id);
  if (!bid) notFound();
  return bid;
}
