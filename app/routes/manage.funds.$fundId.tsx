import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FundForm } from "~/components/config/FundForm";
import { BackLink } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { fundSchema } from "~/domain/config/schemas";
import { penceToInput } from "~/domain/money/money";
import { DuplicateError, getFund, updateFund } from "~/models/fund.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { name?: string } | undefined) => (data?.name ? `Change ${data.name}` : "Change a fund") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const fund = getFund(recordId(params.fundId) ?? 0) ?? notFound();
  return json({
    name: fund.name,
    values: {
      name: fund.name,
      slug: fund.slug,
      code: fund.code,
      moneySource: fund.moneySource,
      description: fund.description,
      allocationMethod: fund.allocationMethod,
      defaultMaxAward: penceToInput(fund.defaultMaxAwardPence),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const fund = getFund(recordId(params.fundId) ?? 0) ?? notFound();
  const formData = await request.formData();
  const parsed = parseForm(fundSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    updateFund(user.id, fund.id, parsed.data, now());
    return redirect(`/manage/funds?updated=${fund.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function ChangeFund() {
  const { name, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/funds">Funds</BackLink>
        <span className="govuk-caption-l">{name}</span>
        <h1 className="govuk-heading-l">Change fund</h1>
        <FundForm failure={failure} defaults={values} submitText="Save changes" />
      </div>
    </div>
  );
}
