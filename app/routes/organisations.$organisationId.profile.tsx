import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, Radios } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { penceToInput } from "~/domain/money/money";
import { ORGANISATION_TYPES, organisationProfileSchema } from "~/domain/organisations/profile";
import { getOrganisationProfile, saveOrganisationProfile } from "~/models/organisation-profile.server";
import { getOrganisationForMember } from "~/models/user.server";
import { notFound, requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: "Your organisation's details" };

function requireMemberOrganisation(user: SignedInUser, param: string | undefined) {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const organisation = getOrganisationForMember(id, user.id);
  if (!organisation) notFound();
  return organisation;
}

/** Only the bid's own pages may be returned to after saving. */
function backTo(url: URL, organisationId: number): string {
  const bid = url.searchParams.get("bid");
  return bid && /^\d+$/.test(bid) ? `/applications/${bid}` : `/organisations/${organisationId}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = requireMemberOrganisation(user, params.organisationId);
  const profile = getOrganisationProfile(organisation.id);
  const values: Record<string, string> = { name: organisation.name };
  if (profile) {
    Object.assign(values, {
      type: profile.type,
      charityNumber: profile.charityNumber ?? "",
      companyNumber: profile.companyNumber ?? "",
      addressLine1: profile.addressLine1,
      addressLine2: profile.addressLine2 ?? "",
      town: profile.town,
      postcode: profile.postcode,
      annualIncome: penceToInput(profile.annualIncomePence),
      contactName: profile.contactName,
      contactEmail: profile.contactEmail,
      contactPhone: profile.contactPhone,
    });
  }
  return json({ organisationId: organisation.id, values, back: backTo(new URL(request.url), organisation.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = requireMemberOrganisation(user, params.organisationId);
  const parsed = parseForm(organisationProfileSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  saveOrganisationProfile(organisation.id, user.id, parsed.data, now());
  return redirect(backTo(new URL(request.url), organisation.id));
}

export default function OrganisationProfile() {
  const { values: saved, back } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(organisationProfileSchema, failure);
  const [params] = useSearchParams();
  const values = (failure?.values ?? saved) as Record<string, string>;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={back}>Back</BackLink>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Your organisation's details</h1>
        <p className="govuk-body">We check these against the Charity Commission, Companies House and the postcode register.</p>
        <Form method="post" noValidate onSubmit={onSubmit} action={`?${params}`}>
          <Input name="name" label="Legal name" labelClassName="govuk-label--m" hint="As on your governing document or the register" error={errors?.name} defaultValue={values.name} />
          <Radios name="type" legend="Type of organisation" error={errors?.type} value={values.type} items={ORGANISATION_TYPES.map((t) => ({ value: t.value, text: t.text }))} />
          <Input name="charityNumber" label="Charity number (if you have one)" hint="Registered charities and CIOs must give one" inputMode="numeric" widthClass="govuk-input--width-10" error={errors?.charityNumber} defaultValue={values.charityNumber} />
          <Input name="companyNumber" label="Company number (if you have one)" hint="Companies and CICs must give one, like 01234567" widthClass="govuk-input--width-10" error={errors?.companyNumber} defaultValue={values.companyNumber} />
          <h2 className="govuk-heading-m">Address</h2>
          <Input name="addressLine1" label="Address line 1" autoComplete="address-line1" error={errors?.addressLine1} defaultValue={values.addressLine1} />
          <Input name="addressLine2" label="Address line 2 (optional)" autoComplete="address-line2" error={errors?.addressLine2} defaultValue={values.addressLine2} />
          <Input name="town" label="Town or city" autoComplete="address-level2" widthClass="govuk-!-width-two-thirds" error={errors?.town} defaultValue={values.town} />
          <Input name="postcode" label="Postcode" autoComplete="postal-code" widthClass="govuk-input--width-10" error={errors?.postcode} defaultValue={values.postcode} />
          <Input name="annualIncome" label="Annual income" labelClassName="govuk-label--m" hint="From your latest accounts. Enter 0 if you are new." prefix="£" inputMode="decimal" widthClass="govuk-input--width-10" error={errors?.annualIncome} defaultValue={values.annualIncome} />
          <h2 className="govuk-heading-m">Main contact</h2>
          <Input name="contactName" label="Full name" autoComplete="name" error={errors?.contactName} defaultValue={values.contactName} />
          <Input name="contactEmail" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors?.contactEmail} defaultValue={values.contactEmail} />
          <Input name="contactPhone" label="Telephone number" type="tel" autoComplete="tel" widthClass="govuk-input--width-20" error={errors?.contactPhone} defaultValue={values.contactPhone} />
          <Button>Save and continue</Button>
        </Form>
      </div>
    </div>
  );
}
