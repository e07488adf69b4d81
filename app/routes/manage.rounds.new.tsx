import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { criteriaToFormValues, RoundForm } from "~/components/config/RoundForm";
import { BackLink } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { roundSchema } from "~/domain/config/schemas";
import { penceToInput } from "~/domain/money/money";
import { DuplicateError, getFund, listFunds } from "~/models/fund.server";
import { listPlans } from "~/models/plan.server";
import { createRound, defaultCriteria } from "~/models/round-config.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FormValues } from "~/utils/forms";

export const handle = { title: "Create a round" };

/** Starts from the house scoring criteria, the newest plan and, with `?fund=ID`, that fund's maximum award. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const funds = listFunds();
  const plans = listPlans();
  const fund = getFund(recordId(new URL(request.url).searchParams.get("fund") ?? undefined) ?? 0) ?? (funds.length === 1 ? funds[0] : undefined);
  const values: FormValues = { ...criteriaToFormValues(defaultCriteria()), opensTime: "09:00", closesTime: "17:00" };
  if (fund) values.fundId = String(fund.id);
  if (fund && fund.defaultMaxAwardPence > 0) values.maxAward = penceToInput(fund.defaultMaxAwardPence);
  if (plans.length) values.planId = String(plans[plans.length - 1].id);
  return json({ funds: funds.map(({ id, name }) => ({ id, name })), plans: plans.map(({ id, name }) => ({ id, name })), values });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const parsed = parseForm(roundSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const round = createRound(user.id, parsed.data, now());
    return redirect(`/manage/rounds?added=${round.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function NewRound() {
  const { funds, plans, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/rounds">Grant rounds</BackLink>
        <h1 className="govuk-heading-l">Create a round</h1>
        <RoundForm failure={failure} defaults={values} funds={funds} plans={plans} submitText="Create round" />
      </div>
    </div>
  );
}
