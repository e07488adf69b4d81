import { databaseAnswers } from "~/models/health.server";

/** 200 when the database answers a query, 503 otherwise. Public: it says nothing else. */
export async function loader() {
  const ok = databaseAnswers();
  return new Response(ok ? "OK" : "Database unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
