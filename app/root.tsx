import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { DocumentTitle, errorPageTitle } from "~/components/layout/DocumentTitle";
import { useNonce } from "~/components/layout/nonce";
import { ServiceNavigation } from "~/components/layout/ServiceNavigation";
import { getOptionalUser } from "~/utils/auth.server";
import { AnswersNotKept, isAnswersNotKept } from "~/components/layout/AnswersNotKept";
import { KeptAnswersBanner } from "~/components/layout/KeptAnswersBanner";
import { SessionTimeout } from "~/components/layout/SessionTimeout";
import { now } from "~/utils/clock.server";
import { holdsKeptAnswers, readKeptAnswers } from "~/utils/kept-answers.server";
import { sessionTiming } from "~/utils/session-timing.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/govuk/portal.css" },
  { rel: "icon", href: "data:," },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({
    user: user ? { name: user.name, role: user.role } : undefined,
    // For the sign-out warning; read without touching, as getOptionalUser already counted this request.
    session: user ? await sessionTiming(request, { touch: false }) : undefined,
    // Signed in: only the person's own kept answers count. Signed out: say some are waiting, no more.
    keptAnswers: user ? readKeptAnswers(request, now(), user.id) !== null : holdsKeptAnswers(request, now()),
  });
}

// govuk-frontend styles its JavaScript-enhanced components only when these classes are on <body>.
const bodyClassScript =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";
const initGovukScript = "import { initAll } from '/govuk/govuk-frontend.min.js'; initAll();";

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="en" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0b0c0c" />
        <DocumentTitle />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: bodyClassScript }} />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <ServiceNavigation user={data?.user} />
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            <KeptAnswersBanner kept={data?.keptAnswers ?? false} signedIn={Boolean(data?.user)} />
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p className="govuk-body-s">Community safety grants: an open-source grant-funding portal for Police and Crime Commissioners' offices.</p>
              </div>
            </div>
          </div>
        </footer>
        <SessionTimeout timing={data?.session} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script nonce={nonce} type="module" dangerouslySetInnerHTML={{ __html: initGovukScript }} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  // A form sent after the session ended, with more than can be kept while signing in: shown to copy.
  if (isRouteErrorResponse(error) && error.status === 401 && isAnswersNotKept(error.data)) {
    return <AnswersNotKept answers={error.data.answersNotKept} />;
  }
  if (isRouteErrorResponse(error)) {
    const title = errorPageTitle(error);
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {error.status === 404 ? (
            <p className="govuk-body">If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.</p>
          ) : error.status === 403 ? (
            <p className="govuk-body">Your account does not have access to this page. Sign in with a different account, or ask an administrator.</p>
          ) : (
            <p className="govuk-body">Try again later.</p>
          )}
          <p className="govuk-body">
            <a className="govuk-link" href="/">
              Go to the home page
            </a>
          </p>
        </div>
      </div>
    );
  }
  // Never show a stack trace to the person; the server log has it.
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later. Anything you saved before has been kept.</p>
      </div>
    </div>
  );
}
