/**
 * Plain HTTP as a browser without JavaScript sends it: urlencoded form posts with the session
 * cookie and this site's Origin, redirects not followed, so a 302 can be read as the portal's
 * "done" (a submission's acknowledgement is its redirect to the confirmation page).
 */
export type Answer = { status: number; location: string | null; body: string };

export function formBody(fields: Record<string, unknown>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, String(one ?? ""));
  }
  return body.toString();
}

export async function postForm(baseUrl: string, pathname: string, cookie: string, fields: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: baseUrl, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
    body: formBody(fields),
  });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

export async function getPage(baseUrl: string, pathname: string, cookie: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}${pathname}`, { redirect: "manual", headers: { Cookie: cookie } });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}
