/** GOV.UK service navigation: the service name and the links for the signed-in person's role. */
import { Form, Link, useLocation } from "@remix-run/react";
import { ROLE_HOME, type Role } from "~/domain/accounts/roles";

type NavUser = { name: string; role: Role } | undefined;

function linksFor(user: NavUser): { to: string; text: string }[] {
  const links = [
    { to: "/rounds", text: "Grant rounds" },
    { to: "/funded", text: "Funded projects" },
  ];
  if (!user) return links;
  const home = { to: ROLE_HOME[user.role], text: user.role === "applicant" ? "Your applications" : "Dashboard" };
  const extra: { to: string; text: string }[] = [];
  if (user.role === "grants_officer" || user.role === "admin") extra.push({ to: "/manage", text: "Fund configuration" });
  if (user.role === "grants_officer" || user.role === "finance" || user.role === "admin") extra.push({ to: "/reports", text: "Reports" });
  if (user.role === "admin") extra.push({ to: "/admin/staff", text: "Staff" });
  return [...links, home, ...extra, { to: "/account", text: "Your account" }];
}

export function ServiceNavigation({ user }: { user: NavUser }) {
  const { pathname } = useLocation();
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link portal-header__service">
              Community safety grants
            </Link>
          </span>
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden>
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation">
              {linksFor(user).map((l) => {
                const active = pathname === l.to || pathname.startsWith(`${l.to}/`);
                return (
                  <li key={l.to} className={`govuk-service-navigation__item ${active ? "govuk-service-navigation__item--active" : ""}`.trim()}>
                    <Link className="govuk-service-navigation__link" to={l.to} aria-current={active ? "page" : undefined}>
                      {active ? <strong className="govuk-service-navigation__active-fallback">{l.text}</strong> : l.text}
                    </Link>
                  </li>
                );
              })}
              <li className="govuk-service-navigation__item">
                {user ? (
                  <Form method="post" action="/logout" className="portal-inline-form">
                    <button type="submit" className="govuk-service-navigation__link portal-link-button">
                      Sign out
                    </button>
                  </Form>
                ) : (
                  <Link className="govuk-service-navigation__link" to="/login">
                    Sign in
                  </Link>
                )}
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}
