/**
 * A configurable vocabulary (reporting tags, districts, outcomes): a table of names, a form to add
 * one, and a separate "Rename" page (`?rename=ID`) per item. Items are never deleted, because bids
 * and reports refer to them.
 */
import { Form, Link } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, Radios, Table } from "~/components/govuk";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { SavedBanner } from "./SavedBanner";
import { useFormState } from "./form-state";

type Item = { id: number; name: string; kind?: string };
type Kind = { value: string; text: string; heading: string };

export type NamedListProps = {
  path: string;
  singular: string;
  plural: string;
  intro: string;
  items: Item[];
  renaming: Item | null;
  failure?: { errors?: FieldErrors; values?: FormValues } | null;
  kinds?: Kind[];
};

export function NamedList(props: NamedListProps) {
  return props.renaming ? <RenameItem {...props} item={props.renaming} /> : <ItemList {...props} />;
}

function KindRadios({ kinds, error, value }: { kinds: Kind[]; error?: string; value: string }) {
  return <Radios name="kind" legend="Is it an outcome or an impact?" legendClassName="govuk-fieldset__legend--s" error={error} value={value} items={kinds.map((k) => ({ value: k.value, text: k.text }))} />;
}

function RenameItem({ path, plural, item, failure, kinds }: NamedListProps & { item: Item }) {
  // Only this form posts to this page, so whatever comes back is its answer.
  const own = failure ?? null;
  const { errors, value } = useFormState(own, { name: item.name, kind: item.kind ?? "" }, ["name", "kind"]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={path}>{plural}</BackLink>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="id" value={item.id} />
          <Input
            name="name"
            label={`Rename ${item.name}`}
            isPageHeading
            hint="Bids and reports that already use it keep it, under the new name"
            error={errors?.name}
            defaultValue={value("name")}
          />
          {kinds ? <KindRadios kinds={kinds} error={errors?.kind} value={value("kind")} /> : null}
          <div className="govuk-button-group">
            <Button>Save</Button>
            <Link className="govuk-link" to={path}>
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

function ItemList({ path, singular, plural, intro, items, failure, kinds }: NamedListProps) {
  // The action adds whenever the intent is not "rename", so every refusal on this page is this form's.
  const own = failure ?? null;
  const { errors, value } = useFormState(own, {}, ["name", "kind"]);
  const groups = kinds ? kinds.map((k) => ({ caption: k.heading, rows: items.filter((i) => i.kind === k.value) })) : [{ caption: `All ${plural.toLowerCase()}`, rows: items }];
  return (
    <>
      <BackLink to="/manage">Fund configuration</BackLink>
      <SavedBanner items={items} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{plural}</h1>
      <p className="govuk-body">{intro}</p>
      {groups.map((g) =>
        g.rows.length === 0 ? (
          <p className="govuk-body" key={g.caption}>
            There are no {g.caption.toLowerCase()} yet.
          </p>
        ) : (
          <Table
            key={g.caption}
            caption={g.caption}
            rowKey={(i) => i.id}
            rows={g.rows}
            columns={[
              { header: "Name", cell: (i) => i.name },
              {
                header: <span className="govuk-visually-hidden">Actions</span>,
                cell: (i) => (
                  <Link className="govuk-link" to={`${path}?rename=${i.id}`}>
                    Rename<span className="govuk-visually-hidden"> {i.name}</span>
                  </Link>
                ),
              },
            ]}
          />
        ),
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add {article(singular)}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add" />
            <Input name="name" label="Name" labelClassName="govuk-label--s" error={errors?.name} defaultValue={value("name")} />
            {kinds ? <KindRadios kinds={kinds} error={errors?.kind} value={value("kind")} /> : null}
            <Button>Add {singular}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

function article(noun: string) {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
