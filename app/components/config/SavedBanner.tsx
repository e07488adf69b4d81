/**
 * The success banner a list page shows after POST/redirect/GET: the action redirects with
 * `?added=ID`, `?updated=ID` or `?renamed=ID`, and the page names the record from its own list, so
 * nothing the person did not type can be injected through the query string.
 */
import { useSearchParams } from "@remix-run/react";
import { NotificationBanner } from "~/components/govuk";

const VERBS = { added: "has been added", updated: "has been saved", renamed: "has been renamed" } as const;

export function SavedBanner({ items }: { items: { id: number; name: string }[] }) {
  const [params] = useSearchParams();
  for (const key of Object.keys(VERBS) as (keyof typeof VERBS)[]) {
    const id = Number(params.get(key));
    const item = id ? items.find((i) => i.id === id) : undefined;
    if (item) {
      return (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            {item.name} {VERBS[key]}.
          </p>
        </NotificationBanner>
      );
    }
  }
  return null;
}
