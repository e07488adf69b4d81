/**
 * After signing in again: the answers kept when a form was sent after the session had ended, to
 * check and send again. Sending posts them here, where the kept copy is forgotten, and a 307
 * redirect has the browser post the very same form to the page it was meant for (307, unlike 302
 * or 303, keeps the method and the body), so that page's own action saves them with all its checks.
 * A plain HTML form, so it works the same with JavaScript off.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, SummaryList } from "~/components/govuk";
import { fieldLabel, isListedField, KEPT_ANSWERS_PATH, resendAddress } from "~/domain/accounts/kept-answers";
import { ROLE_HOME } from "~/domain/accounts/roles";
import { formatLondonDateTime } from "~/domain/time/london";
import { getOptionalUser, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { forgetKeptAnswersHeaders, readKeptAnswers } from "~/utils/kept-answers.server";

export const handle = { title: "Check the answers we kept" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const kept = readKeptAnswers(request, now(), user.id);
  return json(
    {
      home: ROLE_HOME[user.role],
      kept: kept ? { to: kept.to, fields: kept.fields, keptUntil: formatLondonDateTime(new Date(kept.expiresAt)) } : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

function withCookies(headers: string[], init: ResponseInit & { headers?: Record<string, string> }): ResponseInit {
  const all = new Headers(init.headers);
  for (const cookie of headers) all.append("Set-Cookie", cookie);
  return { ...init, headers: all };
}

export async function action({ request }: ActionFunctionArgs) {
  // Not requireUser: signed out again here, the kept copy must stay as it is (not be replaced by
  // a copy of itself addressed to this page), so the person is simply asked to sign in.
  const user = await getOptionalUser(request);
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: KEPT_ANSWERS_PATH })}`);
  const kept = readKeptAnswers(request, now(), user.id);
  if (!kept) return redirect(KEPT_ANSWERS_PATH);
  const forget = forgetKeptAnswersHeaders();
  if (new URL(request.url).searchParams.has("discard")) {
    return new Response(null, withCookies(forget, { status: 303, headers: { Location: kept.to } }));
  }
  return new Response(null, withCookies(forget, { status: 307, headers: { Location: resendAddress(kept.to) } }));
}

export default function KeptAnswers() {
  const { kept, home } = useLoaderData<typeof loader>();
  if (!kept) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">There are no answers waiting to be sent</h1>
          <p className="govuk-body">Answers we kept when you were signed out are removed once they have been sent, or after 1 hour.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={home}>
              Go to your dashboard
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const listed = kept.fields.filter(([name, value]) => isListedField(name, value));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Check the answers we kept</h1>
        <p className="govuk-body">You were signed out before these answers were sent, so they have not been saved yet. Check them, then send them again.</p>
        <p className="govuk-body">We will keep them on this device until {kept.keptUntil}.</p>
        <SummaryList
          rows={listed.map(([name, value]) => ({
            key: fieldLabel(name),
            value: <span className="portal-kept-answer">{value}</span>,
          }))}
        />
        {/* A plain form, not Remix's: the 307 that follows must be a real browser post. */}
        <form method="post" action={KEPT_ANSWERS_PATH}>
          {kept.fields.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <Button>Send these answers</Button>
        </form>
        <form method="post" action={`${KEPT_ANSWERS_PATH}?discard`}>
          <Button secondary>Do not send them</Button>
        </form>
      </div>
    </div>
  );
}
