import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PlanForm, planToFormValues } from "~/components/config/PlanForm";
import { BackLink } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { planSchema } from "~/domain/config/schemas";
import { DuplicateError } from "~/models/fund.server";
import { createPlan, getPlan, nextVersionSlug } from "~/models/plan.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FormValues } from "~/utils/forms";

export const handle = {
  title: (data: { basedOn?: string | null } | undefined) => (data?.basedOn ? `Create a new version of ${data.basedOn}` : "Add a Police and Crime Plan"),
};

/** `?from=ID` starts a new version of a plan that rounds already use, pre-filled from it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const from = new URL(request.url).searchParams.get("from");
  if (from === null) return json({ basedOn: null, values: {} as FormValues });
  const plan = getPlan(recordId(from) ?? 0) ?? notFound();
  return json({ basedOn: plan.name, values: { ...planToFormValues(plan), slug: nextVersionSlug(plan.slug) } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const parsed = parseForm(planSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const plan = createPlan(user.id, parsed.data, now());
    return redirect(`/manage/plans?added=${plan.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function NewPlan() {
  const { basedOn, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/plans">Police and Crime Plans</BackLink>
        {basedOn ? (
          <>
            <span className="govuk-caption-l">{basedOn}</span>
            <h1 className="govuk-heading-l">Create a new version</h1>
            <p className="govuk-body">The new version starts as a copy of this plan. Rounds that use the old version keep it.</p>
          </>
        ) : (
          <h1 className="govuk-heading-l">Add a Police and Crime Plan</h1>
        )}
        <PlanForm failure={failure} defaults={values} submitText="Save plan" />
      </div>
    </div>
  );
}
