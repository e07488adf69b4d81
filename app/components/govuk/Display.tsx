/** GOV.UK display components: button, tag, summary list, table, panel, notification banner, back link. */
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link } from "@remix-run/react";

export function Button({ children, secondary, warning, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { secondary?: boolean; warning?: boolean }) {
  const cls = ["govuk-button", secondary && "govuk-button--secondary", warning && "govuk-button--warning", className].filter(Boolean).join(" ");
  return (
    <button type="submit" className={cls} data-module="govuk-button" {...rest}>
      {children}
    </button>
  );
}

export function ButtonLink({ to, children, secondary }: { to: string; children: ReactNode; secondary?: boolean }) {
  return (
    <Link to={to} role="button" draggable="false" className={`govuk-button ${secondary ? "govuk-button--secondary" : ""}`.trim()} data-module="govuk-button">
      {children}
    </Link>
  );
}

export function Tag({ children, colour }: { children: ReactNode; colour?: "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow" }) {
  return <strong className={`govuk-tag ${colour ? `govuk-tag--${colour}` : ""}`.trim()}>{children}</strong>;
}

export function SummaryList({ rows }: { rows: { key: ReactNode; value: ReactNode; action?: { to: string; text: string; hidden: string } }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row, i) => (
        <div className="govuk-summary-list__row" key={i}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hidden}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export type Column<T> = { header: ReactNode; cell: (row: T) => ReactNode; numeric?: boolean };

export function Table<T>({ caption, columns, rows, rowKey, foot }: { caption?: ReactNode; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string | number; foot?: ReactNode }) {
  return (
    <table className="govuk-table">
      {caption ? <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption> : null}
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={`govuk-table__header ${c.numeric ? "govuk-table__header--numeric" : ""}`.trim()}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={rowKey(row)}>
            {columns.map((c, i) => (
              <td key={i} className={`govuk-table__cell ${c.numeric ? "govuk-table__cell--numeric" : ""}`.trim()}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {foot}
    </table>
  );
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

export function NotificationBanner({ title = "Important", children, success }: { title?: string; children: ReactNode; success?: boolean }) {
  return (
    <div
      className={`govuk-notification-banner ${success ? "govuk-notification-banner--success" : ""}`.trim()}
      role={success ? "alert" : "region"}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {success ? "Success" : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function BackLink({ to, children = "Back" }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}
