import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, NotificationBanner, Table } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { inviteMemberSchema } from "~/domain/organisations/members";
import { AlreadyMemberError, inviteMember } from "~/models/organisation-member.server";
import { getOrganisationForMember, listMembers } from "~/models/user.server";
import { sendMail } from "~/services/mail.server";
import { notFound, requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { getEnv } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "People who act for your organisation" };

function requireOwnOrganisation(user: SignedInUser, param: string | undefined) {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return getOrganisationForMember(id, user.id) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = requireOwnOrganisation(user, params.organisationId);
  return json({ organisation, members: listMembers(organisation.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = requireOwnOrganisation(user, params.organisationId);
  const parsed = parseForm(inviteMemberSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  let token: string;
  try {
    token = inviteMember(organisation.id, user.id, parsed.data.email, now());
  } catch (error) {
    if (!(error instanceof AlreadyMemberError)) throw error;
    return json(formFailure({ email: "This person already acts for your organisation" }, parsed.data), { status: 400 });
  }
  await sendMail({
    to: parsed.data.email,
    subject: `${user.name} invited you to act for ${organisation.name}`,
    text: `${user.name} has invited you to help ${organisation.name} apply for community safety grants.\n\nUse this link within 14 days to join:\n\n${getEnv().PUBLIC_URL}/join/${token}\n\nIf you were not expecting this, you can ignore this email.\n`,
  });
  return redirect(`/organisations/${organisation.id}/members?invited=${encodeURIComponent(parsed.data.email)}`);
}

export default function Members() {
  const { organisation, members } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(inviteMemberSchema, failure);
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/organisations/${organisation.id}`}>Back to {organisation.name}</BackLink>
        <ErrorSummary errors={errors} />
        {params.get("invited") ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">We have emailed an invitation to {params.get("invited")}.</p>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{organisation.name}</span>
        <h1 className="govuk-heading-l">People who act for your organisation</h1>
        <Table
          caption="Members"
          rows={members}
          rowKey={(m) => m.id}
          columns={[
            { header: "Name", cell: (m) => m.name },
            { header: "Email address", cell: (m) => m.email },
          ]}
        />
        <h2 className="govuk-heading-m">Invite someone else</h2>
        <p className="govuk-body">They will be able to see and work on your organisation's bids. If they already have an account, they can use it.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input name="email" type="email" label="Their email address" autoComplete="off" spellCheck={false} error={errors?.email} defaultValue={typed("email")} />
          <Button>Send invitation</Button>
        </Form>
      </div>
    </div>
  );
}
