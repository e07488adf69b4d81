/** A bid's eligibility as a GOV.UK tag: not checked, eligible, or not eligible. */
import { Tag } from "~/components/govuk";

export function EligibilityTag({ eligible }: { eligible: boolean | null }) {
  if (eligible === null) return <Tag colour="grey">Not checked</Tag>;
  return eligible ? <Tag colour="green">Eligible</Tag> : <Tag colour="red">Not eligible</Tag>;
}
