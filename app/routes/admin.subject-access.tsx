import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, InsetText, SummaryList } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ROLE_LABEL, type Role } from "~/domain/accounts/roles";
import { PERSONAL_DATA_SOURCES } from "~/domain/data-rights/sources";
import { findPersonSchema, PERSON_NOT_FOUND } from "~/domain/data-rights/subject-access";
import { buildPersonalData, findSubject, summarisePersonalData } from "~/models/data-rights/personal-data.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FormFailure } from "~/utils/forms";

export const handle = { title: "Answer a subject access request" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return null;
}

/**
 * Finds the person and shows how much is held about them (how many entries of each kind, nothing
 * more), so nothing is disclosed yet and nothing is recorded. The file itself comes from
 * admin.subject-access[.json], which records the disclosure. A post, so the email address never
 * sits in a URL or a server log.
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, ["admin"]);
  const formData = await request.formData();
  const parsed = parseForm(findPersonSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const subject = findSubject(parsed.data.email);
  if (!subject) return json(formFailure({ email: PERSON_NOT_FOUND }, formDataToValues(formData)), { status: 400 });
  const data = buildPersonalData(subject, now());
  const account = data.sources.account.data as { name: string; role: Role; createdAt: string } | null;
  const found: Found = { email: subject.email, account: account && { name: account.name, role: account.role }, summary: summarisePersonalData(data) };
  return json({ found });
}

type Found = { email: string; account: { name: string; role: Role } | null; summary: ReturnType<typeof summarisePersonalData> };

export default function SubjectAccess() {
  const result = useActionData() as FormFailure | { found: Found } | undefined;
  const failure = result && "errors" in result ? result : undefined;
  const found = result && "found" in result ? result.found : undefined;
  const { errors, onSubmit, typed } = useValidatedForm(findPersonSchema, failure);
  const explanation = new Map<string, string>(PERSONAL_DATA_SOURCES.map((s) => [s.key, s.explanation]));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin">Back to administration</BackLink>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Answer a subject access request</h1>
        <p className="govuk-body">
          Anyone may ask for a copy of the personal data the portal holds about them (UK GDPR, article 15). You normally have one month to answer. Check who is asking
          before you send anything.
        </p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input
            name="email"
            type="email"
            label="Email address of the person who asked"
            hint="Their account's email address, or the address an organisation gave for them as its contact"
            autoComplete="off"
            spellCheck={false}
            error={errors?.email}
            defaultValue={typed("email") ?? found?.email}
          />
          <Button>Find what is held</Button>
        </Form>
        {found ? (
          <>
            <h2 className="govuk-heading-m">What the portal holds about {found.email}</h2>
            <SummaryList
              rows={[
                { key: "Account", value: found.account ? `${found.account.name}, ${ROLE_LABEL[found.account.role]}` : "No account: named as a contact, invited, or tried to sign in" },
              ]}
            />
            <h3 className="govuk-heading-s">Entries in the file, by where they are kept</h3>
            <SummaryList
              rows={found.summary.map((s) => ({
                key: s.title,
                value: (
                  <>
                    <p className="govuk-body govuk-!-margin-bottom-1">{s.entries === 1 ? "1 entry" : `${s.entries} entries`}</p>
                    <p className="govuk-body-s govuk-!-margin-bottom-0">{explanation.get(s.key)}</p>
                  </>
                ),
              }))}
            />
            <InsetText>Downloading the file is recorded in the audit trail: who downloaded it, about whom, and when. The person will see that record in their own copy.</InsetText>
            {/* A normal form post, so the browser saves the file rather than the page's script reading it. */}
            <Form method="post" action="/admin/subject-access.json" reloadDocument>
              <input type="hidden" name="email" value={found.email} />
              <Button>Download their personal data (JSON)</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
