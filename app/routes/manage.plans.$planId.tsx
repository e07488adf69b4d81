import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PlanForm, planToFormValues } from "~/components/config/PlanForm";
import { BackLink, ButtonLink, ErrorSummary, InsetText, SummaryList } from "~/components/govuk";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { planSchema } from "~/domain/config/schemas";
import { formatIsoDate } from "~/domain/time/london";
import { DuplicateError } from "~/models/fund.server";
import { getPlan, PlanInUseError, updatePlan } from "~/models/plan.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { plan?: { name: string } } | undefined) => data?.plan?.name ?? "Police and Crime Plan" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const plan = getPlan(recordId(params.planId) ?? 0) ?? notFound();
  return json({
    plan: {
      id: plan.id,
      name: plan.name,
      slug: plan.slug,
      area: plan.area,
      period: `${formatIsoDate(plan.startsOn)} to ${formatIsoDate(plan.endsOn)}`,
      priorities: plan.priorities.map((p) => p.name),
      themes: plan.themes.map((t) => (t.kind === "spotlight" ? `${t.name} (spotlight)` : t.name)),
      inUse: plan.inUse,
    },
    values: planToFormValues(plan),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const plan = getPlan(recordId(params.planId) ?? 0) ?? notFound();
  const formData = await request.formData();
  const parsed = parseForm(planSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    updatePlan(user.id, plan.id, parsed.data, now());
    return redirect(`/manage/plans?updated=${plan.id}`);
  } catch (error) {
    const values = formDataToValues(formData);
    // A round may have started using the plan since the form was shown.
    if (error instanceof PlanInUseError) return json(formFailure({ form: error.message }, values), { status: 409 });
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, values), { status: 400 });
    throw error;
  }
}

export default function Plan() {
  const { plan, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/manage/plans">Police and Crime Plans</BackLink>
        {plan.inUse ? (
          <>
            <ErrorSummary errors={failure?.errors} />
            <span className="govuk-caption-l">Police and Crime Plan</span>
            <h1 className="govuk-heading-l">{plan.name}</h1>
            <InsetText>This plan is used by a grant round, so it cannot be changed: bids and reports refer to its priorities. To change it, create a new version.</InsetText>
            <ButtonLink to={`/manage/plans/new?from=${plan.id}`}>Create a new version</ButtonLink>
            <SummaryList
              rows={[
                { key: "Area", value: plan.area },
                { key: "Runs", value: plan.period },
                { key: "Web address name", value: plan.slug },
              ]}
            />
            <h2 className="govuk-heading-m">Priorities</h2>
            <ol className="govuk-list govuk-list--number">
              {plan.priorities.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ol>
            <h2 className="govuk-heading-m">Cross-cutting themes</h2>
            {plan.themes.length === 0 ? (
              <p className="govuk-body">None.</p>
            ) : (
              <ul className="govuk-list govuk-list--bullet">
                {plan.themes.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <>
            <span className="govuk-caption-l">{plan.name}</span>
            <h1 className="govuk-heading-l">Change plan</h1>
            <PlanForm failure={failure} defaults={values} submitText="Save changes" />
          </>
        )}
      </div>
    </div>
  );
}
