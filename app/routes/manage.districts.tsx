import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NamedList } from "~/components/config/NamedList";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { taxonomyNameSchema } from "~/domain/config/schemas";
import { DuplicateError } from "~/models/fund.server";
import { addNamed, getNamed, listDistricts, renameNamed } from "~/models/taxonomy.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { renaming?: { name: string } | null } | undefined) => (data?.renaming ? `Rename ${data.renaming.name}` : "Districts") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const rename = new URL(request.url).searchParams.get("rename");
  const renaming = rename === null ? null : (getNamed("district", recordId(rename) ?? 0) ?? notFound());
  return json({ districts: listDistricts().map(({ id, name }) => ({ id, name })), renaming: renaming && { id: renaming.id, name: renaming.name } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const renameId = formData.get("intent") === "rename" ? (getNamed("district", recordId(String(formData.get("id"))) ?? 0) ?? notFound()).id : undefined;
  const parsed = parseForm(taxonomyNameSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    if (renameId) {
      renameNamed("district", user.id, renameId, parsed.data.name, now());
      return redirect(`/manage/districts?renamed=${renameId}`);
    }
    const district = addNamed("district", user.id, parsed.data.name, now());
    return redirect(`/manage/districts?added=${district.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function Districts() {
  const { districts, renaming } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <NamedList
      path="/manage/districts"
      singular="district"
      plural="Districts"
      intro="The areas projects work in, usually one per Community Safety Partnership. Bids say which districts they benefit, and reports are grouped by them. Districts can be renamed but not deleted."
      items={districts}
      renaming={renaming}
      failure={failure}
    />
  );
}
