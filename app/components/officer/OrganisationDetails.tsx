/** The organisation's details exactly as they were frozen into the bid when it was submitted. */
import { Link } from "@remix-run/react";
import { SummaryList } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { ORGANISATION_TYPES } from "~/domain/organisations/profile";

export type FrozenOrganisation = {
  name?: string;
  type?: string;
  charityNumber?: string | null;
  companyNumber?: string | null;
  addressLine1?: string;
  addressLine2?: string | null;
  town?: string;
  postcode?: string;
  annualIncomePence?: number;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
};

export function OrganisationDetails({ organisationId, organisation }: { organisationId: number; organisation: FrozenOrganisation }) {
  const o = organisation;
  const type = ORGANISATION_TYPES.find((t) => t.value === o.type)?.text ?? o.type ?? "Not given";
  const address = [o.addressLine1, o.addressLine2, o.town, o.postcode].filter(Boolean).join(", ");
  return (
    <>
      <SummaryList
        rows={[
          { key: "Name", value: o.name ?? "Not given" },
          { key: "Type", value: type },
          ...(o.charityNumber ? [{ key: "Charity number", value: o.charityNumber }] : []),
          ...(o.companyNumber ? [{ key: "Company number", value: o.companyNumber }] : []),
          { key: "Address", value: address || "Not given" },
          { key: "Annual income", value: o.annualIncomePence === undefined ? "Not given" : formatPence(o.annualIncomePence) },
          { key: "Contact", value: [o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(", ") || "Not given" },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/organisations/${organisationId}`}>
          See the organisation's current details and re-run its register checks
        </Link>
      </p>
    </>
  );
}
