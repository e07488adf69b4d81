import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NamedList } from "~/components/config/NamedList";
import { CONFIGURATION_ROLES } from "~/domain/accounts/roles";
import { recordId } from "~/domain/config/fields";
import { outcomeSchema } from "~/domain/config/schemas";
import { DuplicateError } from "~/models/fund.server";
import { addOutcome, getOutcome, listOutcomes, renameOutcome } from "~/models/taxonomy.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { renaming?: { name: string } | null } | undefined) => (data?.renaming ? `Rename ${data.renaming.name}` : "Outcomes and impacts") };

const KINDS = [
  { value: "outcome", text: "Outcome", heading: "Outcomes" },
  { value: "impact", text: "Impact", heading: "Impacts" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const rename = new URL(request.url).searchParams.get("rename");
  const renaming = rename === null ? null : (getOutcome(recordId(rename) ?? 0) ?? notFound());
  return json({
    outcomes: listOutcomes().map(({ id, name, kind }) => ({ id, name, kind })),
    renaming: renaming && { id: renaming.id, name: renaming.name, kind: renaming.kind },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CONFIGURATION_ROLES);
  const formData = await request.formData();
  const renameId = formData.get("intent") === "rename" ? (getOutcome(recordId(String(formData.get("id"))) ?? 0) ?? notFound()).id : undefined;
  const parsed = parseForm(outcomeSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    if (renameId) {
      renameOutcome(user.id, renameId, parsed.data, now());
      return redirect(`/manage/outcomes?renamed=${renameId}`);
    }
    const outcome = addOutcome(user.id, parsed.data, now());
    return redirect(`/manage/outcomes?added=${outcome.id}`);
  } catch (error) {
    if (error instanceof DuplicateError) return json(formFailure({ [error.field]: error.message }, formDataToValues(formData)), { status: 400 });
    throw error;
  }
}

export default function Outcomes() {
  const { outcomes, renaming } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <NamedList
      path="/manage/outcomes"
      singular="outcome or impact"
      plural="Outcomes and impacts"
      intro="Bids name the outcomes they aim for, with numbers, and monitoring returns report what was achieved. Impacts are the longer-term changes the outcomes add up to. Items can be renamed but not deleted."
      items={outcomes}
      renaming={renaming}
      failure={failure}
      kinds={KINDS}
    />
  );
}
