import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NamedList } from "~/components/config/NamedList";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { taxonomyNameSchema } from "~/domain/config/schemas";
import { DuplicateError } from "~/models/fund.server";
import { addNamed, getNamed, listReportingTags, renameNamed } from "~/models/taxonomy.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { renaming?: { name: string } | null } | undefined) => (data?.renaming ? `Rename ${data.renaming.name}` : "Reporting tags") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const rename = new URL(request.url).searchParams.get("rename");
  const renaming = rename === null ? null : (getNamed("reporting_tag", recordId(rename) ?? 0) ?? notFound());
  return json({ tags: listReportingTags().map(({ id, name }) => ({ id, name })), renaming: renaming && { id: renaming.id, name: renaming.name } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const renameId = formData.get("intent") === "rename" ? (getNamed("reporting_tag", recordId(String(formData.get("id"))) ?? 0) ?? notFound()).id : undefined;
  const parsed = parseForm(taxonomyNameSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    if (renameId) {
      renameNamed("reporting_tag", user.id, renameId, parsed.data.name, now());
      return redirect(`/manage/tags?renamed=${renameId}`);
    }
    const tag = addNamed("reporting_tag", user.id, parsed.data.name, now());
    return redirect(`/manage/tags?added=${tag.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function ReportingTags() {
  const { tags, renaming } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <NamedList
      path="/manage/tags"
      singular="reporting tag"
      plural="Reporting tags"
      intro="Projects carry any number of reporting tags, so reports can answer questions like how many Drugs and Alcohol projects were funded. Tags can be renamed but not deleted."
      items={tags}
      renaming={renaming}
      failure={failure}
    />
  );
}
