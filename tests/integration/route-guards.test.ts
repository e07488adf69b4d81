/**
 * Every route, read from app/routes, against every kind of visitor. A new route with no rule here
 * fails this suite, so nobody can add a page without deciding who may see it.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/domain/accounts/roles";
import { ROLES } from "~/domain/accounts/roles";
import { call } from "../setup/remix";
import { signedIn } from "../factories/accounts";

type Roles = readonly Role[];
/** Who may call a route: everyone, these roles, or different roles for its loader and its action. */
type Access = "public" | Roles | { loader: Roles; action: Roles };
const CONFIG: readonly Role[] = ["grants_officer", "admin"];

/** Who may use each route (first matching rule wins). */
const RULES: [RegExp, Access][] = [
  [/^_index$/, "public"],
  [/^rounds\._index$/, "public"],
  [/^funds\.\$fund\.rounds\.\$round\._index$/, "public"],
  [/^funds\.\$fund\.rounds\.\$round\.report/, ["grants_officer", "finance", "admin"]],
  [/^funds\.\$fund\.panel-report/, ["grants_officer", "finance", "admin"]],
  [/^funds\.\$fund\.360giving/, "public"],
  [/^funded/, "public"],
  [/^reports(\.|$)/, ["grants_officer", "finance", "admin"]],
  [/^healthcheck$/, "public"],
  [/^session\.status$/, "public"],
  [/^session\.(keep-alive|resume)$/, ROLES],
  [/^account_\.personal-data\[\.json\]$/, ROLES],
  [/^login_\.two-factor$/, "public"],
  [/^account_\.two-factor\.turn-off$/, ["applicant"]],
  [/^account_\.two-factor/, ROLES],
  [/^login$|^signup$|^forgot-password$|^reset-password\.\$token$|^invitations\.\$token$|^join\.\$token$|^logout$/, "public"],
  [/^account$/, ROLES],
  [/^applications\./, ["applicant"]],
  [/^attachments\.\$attachmentId$/, ["applicant", "assessor", "grants_officer", "finance", "admin"]],
  [/^organisations\.\$organisationId\.(profile|members)$/, ["applicant"]],
  [/^organisations\.\$organisationId\._index$/, { loader: ["applicant", "grants_officer", "admin"], action: ["grants_officer", "admin"] }],
  [/^assess(\.|$)/, ["assessor"]],
  [/^officer(\.|$)/, ["grants_officer", "admin"]],
  [/^finance(\.|$)/, ["finance", "admin"]],
  [/^awards\./, ["applicant"]],
  [/^admin\./, ["admin"]],
  [/^manage(\.|$)/, CONFIG],
];

const routesDir = path.resolve("app/routes");
const routeFiles = fs
  .readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => f.replace(/\.tsx?$/, ""));

function accessFor(route: string): Access | undefined {
  return RULES.find(([pattern]) => pattern.test(route))?.[1];
}

/** A URL that reaches the route, with made-up values for its params. */
function urlFor(route: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = route
    .replace(/\._index$|^_index$/, "")
    .split(".")
    .filter(Boolean)
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const name = segment.slice(1);
      params[name] = "1";
      return "1";
    });
  return { url: `/${segments.join("/")}`, params };
}

const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  for (const role of ROLES) cookies[role] = (await signedIn(role)).cookie;
});

describe("every route has an access rule", () => {
  it.each(routeFiles)("%s", (route) => {
    expect(accessFor(route), `add a rule for app/routes/${route} to tests/integration/route-guards.test.ts`).toBeDefined();
  });
});

describe.each(routeFiles.filter((r) => accessFor(r) !== "public"))("%s", (route) => {
  const access = accessFor(route) as Exclude<Access, "public">;
  const allowed = (handler: "loader" | "action"): Roles => ("loader" in access ? access[handler] : access);
  const { url, params } = urlFor(route);

  it("sends a signed-out visitor to sign in, for its loader and its action", async () => {
    const mod = await import(/* @vite-ignore */ path.join(routesDir, `${route}.tsx`));
    for (const handler of [mod.loader, mod.action].filter(Boolean)) {
      const response = await call(handler, url, { params, form: handler === mod.action ? {} : undefined });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it.each(ROLES)("as %s", async (role) => {
    const mod = await import(/* @vite-ignore */ path.join(routesDir, `${route}.tsx`));
    for (const kind of ["loader", "action"] as const) {
      const handler = mod[kind];
      if (!handler) continue;
      const response = await call(handler, url, { cookie: cookies[role], params, form: kind === "action" ? {} : undefined });
      if (allowed(kind).includes(role)) {
        expect([200, 302, 400, 404]).toContain(response.status);
        if (response.status === 302) expect(response.headers.get("Location")).not.toMatch(/^\/login/);
      } else {
        expect(response.status).toBe(403);
      }
    }
  });
});

describe("an organisation's page", () => {
  it("is a 404 to an applicant of another organisation, the same as a missing one", async () => {
    const { loader } = await import("~/routes/organisations.$organisationId._index");
    const a = await signedIn("applicant", { organisationName: "Organisation A" });
    const b = await signedIn("applicant", { organisationName: "Organisation B" });
    const own = await call(loader, `/organisations/${a.user.organisationId}`, { cookie: a.cookie, params: { organisationId: String(a.user.organisationId) } });
    expect(own.status).toBe(200);
    const others = await call(loader, `/organisations/${a.user.organisationId}`, { cookie: b.cookie, params: { organisationId: String(a.user.organisationId) } });
    expect(others.status).toBe(404);
    const missing = await call(loader, "/organisations/99999", { cookie: b.cookie, params: { organisationId: "99999" } });
    expect(missing.status).toBe(404);
    expect(await others.text()).toBe(await missing.text());
    const officer = await signedIn("grants_officer");
    const staffView = await call(loader, `/organisations/${a.user.organisationId}`, { cookie: officer.cookie, params: { organisationId: String(a.user.organisationId) } });
    expect(staffView.status).toBe(200);
  });
});

describe("nested routes", () => {
  // In Remix's flat routes, a.b.tsx is the parent of a.b.c.tsx and must render <Outlet />, or the
  // child's page never shows. Pages that merely share a prefix belong in a.b._index.tsx.
  it.each(routeFiles)("%s renders its children, if it has any", (route) => {
    const parentPrefix = `${route}.`;
    const children = routeFiles.filter((other) => other.startsWith(parentPrefix));
    if (children.length === 0 || route.endsWith("_index")) return;
    const source = fs.readFileSync(path.join(routesDir, `${route}.tsx`), "utf8");
    expect(source, `${route} has children (${children.join(", ")}) but no <Outlet />`).toContain("<Outlet");
  });
});
