import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm, roundToFormValues } from "~/components/config/RoundForm";
import { BackLink } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { roundSchema } from "~/domain/config/schemas";
import { DuplicateError, listFunds } from "~/models/fund.server";
import { listPlans } from "~/models/plan.server";
import { getRoundForEditing, updateRound } from "~/models/round-config.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { name?: string } | undefined) => (data?.name ? `Change ${data.name}` : "Change a round") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const round = getRoundForEditing(recordId(params.roundId) ?? 0) ?? notFound();
  return json({
    name: round.name,
    funds: listFunds().map(({ id, name }) => ({ id, name })),
    plans: listPlans().map(({ id, name }) => ({ id, name })),
    values: roundToFormValues(round),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const round = getRoundForEditing(recordId(params.roundId) ?? 0) ?? notFound();
  const formData = await request.formData();
  const parsed = parseForm(roundSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    updateRound(user.id, round.id, parsed.data, now());
    return redirect(`/manage/rounds?updated=${round.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function ChangeRound() {
  const { name, funds, plans, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/rounds">Grant rounds</BackLink>
        <span className="govuk-caption-l">{name}</span>
        <h1 className="govuk-heading-l">Change round</h1>
        <RoundForm failure={failure} defaults={values} funds={funds} plans={plans} submitText="Save changes" />
      </div>
    </div>
  );
}
