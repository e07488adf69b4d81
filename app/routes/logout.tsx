import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSessionAndRedirect } from "~/utils/session.server";

// Signing out is a POST (a GET must never change state); a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return endSessionAndRedirect(request, "/");
}
