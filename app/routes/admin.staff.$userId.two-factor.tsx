/**
 * An administrator resets a member of staff's two-factor authentication, e.g. after a lost phone
 * with no recovery codes left: their authenticator and recovery codes go, they are signed out
 * everywhere, and their next sign-in asks them to set up a new one. Audited as staff.two_factor_reset.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, SummaryList } from "~/components/govuk";
import { ROLE_LABEL, type Role } from "~/domain/accounts/roles";
import { formatLondonDateTime } from "~/domain/time/london";
import { findStaffForReset, resetStaffTwoFactor } from "~/models/two-factor.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { idParam } from "~/utils/id-param.server";
import { formFailure } from "~/utils/forms";

export const handle = { title: "Reset two-factor authentication" };

const NOT_YOUR_OWN = "You cannot reset your own two-factor authentication. Ask another administrator";


export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const person = findStaffForReset(idParam(params.userId)) ?? notFound();
  return json({
    self: person.id === admin.id,
    person: { name: person.name, email: person.email, role: ROLE_LABEL[person.role as Role], confirmedAt: person.confirmedAt ? formatLondonDateTime(person.confirmedAt) : null },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const id = idParam(params.userId);
  if (id === admin.id) return json(formFailure({ form: NOT_YOUR_OWN }), { status: 400 });
  if (!resetStaffTwoFactor(admin.id, id, now())) notFound();
  return redirect(`/admin/staff?twoFactorReset=${id}`);
}

export default function ResetTwoFactor() {
  const { self, person } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/staff">Back to staff</BackLink>
        <ErrorSummary errors={failure?.errors} />
        <h1 className="govuk-heading-l">Reset two-factor authentication for {person.name}</h1>
        <SummaryList
          rows={[
            { key: "Email address", value: person.email },
            { key: "Role", value: person.role },
            { key: "Two-factor authentication", value: person.confirmedAt ? `Set up on ${person.confirmedAt}` : "Not set up" },
          ]}
        />
        {self ? (
          <p className="govuk-body">{NOT_YOUR_OWN}.</p>
        ) : (
          <>
            <p className="govuk-body">Do this only when you are sure you are dealing with {person.name}, for example after they lost their phone and their recovery codes.</p>
            <p className="govuk-body">
              Their authenticator app and recovery codes will stop working and they will be signed out. The next time they sign in with their password, they must set up two-factor
              authentication again before they can do anything else.
            </p>
            <Form method="post">
              <Button warning>Reset two-factor authentication</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
