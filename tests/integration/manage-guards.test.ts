import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/domain/accounts/roles";
import { listAuditEvents } from "~/models/audit.server";
import { listFunds } from "~/models/fund.server";
import { listPlans } from "~/models/plan.server";
import { listRoundsForStaff } from "~/models/round-config.server";
import * as manageIndex from "~/routes/manage._index";
import * as districts from "~/routes/manage.districts";
import * as fund from "~/routes/manage.funds.$fundId";
import * as funds from "~/routes/manage.funds._index";
import * as newFund from "~/routes/manage.funds.new";
import * as outcomes from "~/routes/manage.outcomes";
import * as plan from "~/routes/manage.plans.$planId";
import * as plans from "~/routes/manage.plans._index";
import * as newPlan from "~/routes/manage.plans.new";
import * as round from "~/routes/manage.rounds.$roundId";
import * as rounds from "~/routes/manage.rounds._index";
import * as newRound from "~/routes/manage.rounds.new";
import * as tags from "~/routes/manage.tags";
import { seedConfiguration } from "../../scripts/seed/seed";
import { signedIn } from "../factories/accounts";
import { call } from "../setup/remix";

type Handler = Parameters<typeof call>[0];
type Page = { path: string; loader: Handler; action?: Handler; params?: Record<string, string> };

const cookies = {} as Record<Role, string>;
let pages: Page[] = [];

beforeAll(async () => {
  seedConfiguration(new Date("2026-05-01T12:00:00Z"));
  for (const role of ["applicant", "assessor", "finance", "grants_officer", "admin"] as const) cookies[role] = (await signedIn(role)).cookie;
  const fundId = String(listFunds()[0].id);
  const planId = String(listPlans()[0].id);
  const roundId = String(listRoundsForStaff()[0].round.id);
  pages = [
    { path: "/manage", loader: manageIndex.loader },
    { path: "/manage/funds", loader: funds.loader },
    { path: "/manage/funds/new", loader: newFund.loader, action: newFund.action },
    { path: `/manage/funds/${fundId}`, loader: fund.loader, action: fund.action, params: { fundId } },
    { path: "/manage/plans", loader: plans.loader },
    { path: "/manage/plans/new", loader: newPlan.loader, action: newPlan.action },
    { path: `/manage/plans/${planId}`, loader: plan.loader, action: plan.action, params: { planId } },
    { path: "/manage/tags", loader: tags.loader, action: tags.action },
    { path: "/manage/districts", loader: districts.loader, action: districts.action },
    { path: "/manage/outcomes", loader: outcomes.loader, action: outcomes.action },
    { path: "/manage/rounds", loader: rounds.loader },
    { path: "/manage/rounds/new", loader: newRound.loader, action: newRound.action },
    { path: `/manage/rounds/${roundId}`, loader: round.loader, action: round.action, params: { roundId } },
  ];
});

describe("only grants officers and administrators can configure funds", () => {
  it("a signed-out person is sent to sign in, and back to the page afterwards", async () => {
    for (const page of pages) {
      const response = await call(page.loader, page.path, { params: page.params });
      expect(response.status, page.path).toBe(302);
      expect(response.headers.get("Location"), page.path).toBe(`/login?${new URLSearchParams({ redirectTo: page.path })}`);
      if (!page.action) continue;
      const posted = await call(page.action, page.path, { params: page.params, form: { name: "Sneaky" } });
      expect(posted.status, `POST ${page.path}`).toBe(302);
      expect(posted.headers.get("Location"), `POST ${page.path}`).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it.each(["applicant", "assessor", "finance"] as const)("a signed-in %s is refused (403) on every page and every form, and nothing changes", async (role) => {
    const auditBefore = listAuditEvents({ limit: 10_000 }).length;
    for (const page of pages) {
      const response = await call(page.loader, page.path, { params: page.params, cookie: cookies[role] });
      expect(response.status, page.path).toBe(403);
      if (!page.action) continue;
      const posted = await call(page.action, page.path, { params: page.params, cookie: cookies[role], form: { intent: "add", name: "Sneaky" } });
      expect(posted.status, `POST ${page.path}`).toBe(403);
    }
    expect(listAuditEvents({ limit: 10_000 })).toHaveLength(auditBefore);
  });

  it.each(["grants_officer", "admin"] as const)("a %s can open every page and reach every form", async (role) => {
    for (const page of pages) {
      const response = await call(page.loader, page.path, { params: page.params, cookie: cookies[role] });
      expect(response.status, page.path).toBe(200);
      if (!page.action) continue;
      // An empty form gets past the guard and is refused by validation, not by the guard.
      const posted = await call(page.action, page.path, { params: page.params, cookie: cookies[role], form: {} });
      expect(posted.status, `POST ${page.path}`).toBe(400);
    }
  });
});
