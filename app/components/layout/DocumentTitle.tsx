/**
 * The page's <title>, from the deepest route's `handle.title`, with "Error: " in front when any
 * route's action answered with form errors (GOV.UK asks for this so screen-reader users hear it
 * first). Remix's `meta` cannot see action data, so this reads the router state instead.
 */
import { isRouteErrorResponse, useMatches } from "@remix-run/react";
import { useContext } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";

export const SERVICE_NAME = "Community safety grants";

export type TitleHandle = { title?: string | ((data: unknown) => string) };

export function hasFormErrors(actionData: Record<string, unknown> | null | undefined): boolean {
  return Object.values(actionData ?? {}).some((value) => {
    const errors = value && typeof value === "object" && "errors" in value ? (value as { errors: unknown }).errors : null;
    return Boolean(errors && typeof errors === "object" && Object.keys(errors).length > 0);
  });
}

export function DocumentTitle() {
  const matches = useMatches();
  const state = useContext(UNSAFE_DataRouterStateContext);
  let title: string | undefined;
  for (const match of [...matches].reverse()) {
    const handle = match.handle as TitleHandle | undefined;
    if (handle?.title) {
      title = typeof handle.title === "function" ? handle.title(match.data) : handle.title;
      break;
    }
  }
  const routeError = Object.values(state?.errors ?? {})[0];
  if (routeError !== undefined) title = errorPageTitle(routeError);
  const errorPrefix = hasFormErrors(state?.actionData as Record<string, unknown> | undefined) ? "Error: " : "";
  return <title>{`${errorPrefix}${title ? `${title} - ` : ""}${SERVICE_NAME}`}</title>;
}

export function errorPageTitle(error: unknown): string {
  if (!isRouteErrorResponse(error)) return "Sorry, there is a problem with the service";
  if (error.status === 401) return "You have been signed out";
  if (error.status === 404) return "Page not found";
  if (error.status === 403) return "You do not have permission to see this page";
  if (error.status === 429) return "Too many requests";
  return "Sorry, there is a problem with the service";
}
