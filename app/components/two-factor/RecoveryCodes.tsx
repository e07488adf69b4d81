/** The recovery codes, shown once, straight after they are made: they are kept only as hashes. */
import { Link } from "@remix-run/react";

export function RecoveryCodes({ codes, continueTo, continueText }: { codes: string[]; continueTo: string; continueText: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">Save your recovery codes</h2>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          You will not be shown these codes again. Save them now.
        </strong>
      </div>
      <p className="govuk-body">
        If you lose your phone or cannot use your authenticator app, sign in with one of these codes instead of the 6-digit code. Each works once. Keep them somewhere safe that is not
        your phone, such as a password manager, or printed and locked away.
      </p>
      <ol className="govuk-list govuk-list--number" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="govuk-body">Any recovery codes you had before no longer work.</p>
      <Link to={continueTo} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
        {continueText}
      </Link>
    </>
  );
}
