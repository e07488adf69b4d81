/**
 * Tells a person that answers they sent while signed out were kept: on the sign-in pages, that
 * signing in will bring them back; once signed in, where to check and send them. Shown from the
 * root layout, so it holds however signing in went (a two-factor code, a password reset).
 */
import { Link, useLocation } from "@remix-run/react";
import { KEPT_ANSWERS_PATH } from "~/domain/accounts/kept-answers";

export function KeptAnswersBanner({ kept, signedIn }: { kept: boolean; signedIn: boolean }) {
  const { pathname } = useLocation();
  if (!kept || pathname === KEPT_ANSWERS_PATH) return null;
  if (!signedIn && !pathname.startsWith("/login")) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="kept-answers-banner-title" data-module="govuk-notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="kept-answers-banner-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Your answers have not been sent yet, but we have kept them</p>
        {signedIn ? (
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to={KEPT_ANSWERS_PATH}>
              Check your answers and send them
            </Link>
          </p>
        ) : (
          <p className="govuk-body">You were signed out, so we kept what you typed on this device for up to 1 hour. Sign in and we will show it to you to check and send.</p>
        )}
      </div>
    </div>
  );
}
