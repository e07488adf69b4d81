/** An organisation's register flags as GOV.UK tags, and the words for "nothing checked yet". */
import { Tag } from "~/components/govuk";
import { flagColour, flagLabel } from "~/domain/due-diligence/flags";

export function RegisterFlags({ checked, flags }: { checked: boolean; flags: string[] }) {
  // "Not checked" must not read as "no flags": the officer would take silence for a clean result.
  if (!checked) return <Tag colour="yellow">Not checked</Tag>;
  if (flags.length === 0) return <span className="govuk-body-s">None</span>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {flags.map((flag) => (
        <li key={flag} className="govuk-!-margin-bottom-1">
          <Tag colour={flagColour(flag)}>{flagLabel(flag)}</Tag>
        </li>
      ))}
    </ul>
  );
}
