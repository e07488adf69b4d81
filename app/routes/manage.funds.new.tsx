import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { FundForm } from "~/components/config/FundForm";
import { BackLink } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { fundSchema } from "~/domain/config/schemas";
import { createFund, DuplicateError } from "~/models/fund.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Add a fund" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  return json(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const parsed = parseForm(fundSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const fund = createFund(user.id, parsed.data, now());
    return redirect(`/manage/funds?added=${fund.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function NewFund() {
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/funds">Funds</BackLink>
        <h1 className="govuk-heading-l">Add a fund</h1>
        <FundForm failure={failure} defaults={{ allocationMethod: "competitive" }} submitText="Add fund" />
      </div>
    </div>
  );
}
