/**
 * Adding the portal to an authenticator app: the QR code, the same key as text for people who
 * cannot scan (screen-reader users, or setting up on the phone that shows this page), and a link
 * that opens the app on this device.
 */
export type SetUpView = { token: string; accountName: string; groupedSecret: string; uri: string; svg: string };

export function SetUpAuthenticator({ view }: { view: SetUpView }) {
  return (
    <>
      <h2 className="govuk-heading-m">1. Add this account to your authenticator app</h2>
      <p className="govuk-body">
        Use an authenticator app on your phone, such as Microsoft Authenticator, Google Authenticator or FreeOTP. In the app, choose to add an account, then scan this QR code.
      </p>
      <div className="govuk-!-margin-bottom-6" role="img" aria-label="QR code for your authenticator app. If you cannot scan it, use the key written below." dangerouslySetInnerHTML={{ __html: view.svg }} />
      <h3 className="govuk-heading-s">If you cannot scan the QR code</h3>
      <p className="govuk-body">Choose to enter a key in your authenticator app, and type in these details:</p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Account</dt>
          <dd className="govuk-summary-list__value">{view.accountName}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Key</dt>
          <dd className="govuk-summary-list__value">
            <code>
              {view.groupedSecret}
            </code>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Type of key</dt>
          <dd className="govuk-summary-list__value">Time-based, 6 digits</dd>
        </div>
      </dl>
      <p className="govuk-body">
        If your authenticator app is on this device,{" "}
        <a className="govuk-link" href={view.uri}>
          open this account in your authenticator app
        </a>
        .
      </p>
    </>
  );
}
