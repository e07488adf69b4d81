import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { listDistricts, listOutcomes, listReportingTags } from "~/models/taxonomy.server";
import { action as districtsAction, loader as districtsPage } from "~/routes/manage.districts";
import { action as outcomesAction, loader as outcomesPage } from "~/routes/manage.outcomes";
import { action as tagsAction, loader as tagsPage } from "~/routes/manage.tags";
import { signedIn } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";
import type { Failure } from "./manage-forms";

let cookie: string;
let officerId: number;

beforeAll(async () => {
  const officer = await signedIn("grants_officer");
  cookie = officer.cookie;
  officerId = officer.user.id;
});

const tag = (name: string) => listReportingTags().find((t) => t.name === name)!;

describe("reporting tags", () => {
  it("a tag is added, audited and shown in the list with a banner", async () => {
    const response = await call(tagsAction, "/manage/tags", { cookie, form: { intent: "add", name: "Drugs and Alcohol" } });
    const added = tag("Drugs and Alcohol");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/manage/tags?added=${added.id}`);
    expect(added.slug).toBe("drugs-and-alcohol");
    expect(listAuditEvents({ subjectType: "reporting_tag", subjectId: String(added.id) })[0]).toMatchObject({ action: "reporting_tag.created", actorUserId: officerId });
    const page = await jsonOf<{ tags: { id: number; name: string }[]; renaming: null }>(await call(tagsPage, `/manage/tags?added=${added.id}`, { cookie }));
    expect(page).toEqual({ tags: [{ id: added.id, name: "Drugs and Alcohol" }], renaming: null });
  });

  it("a tag is renamed on its own page; its web address name stays so exports keep working", async () => {
    await call(tagsAction, "/manage/tags", { cookie, form: { intent: "add", name: "Knife crime" } });
    const { id } = tag("Knife crime");
    const page = await jsonOf<{ renaming: { id: number; name: string } }>(await call(tagsPage, `/manage/tags?rename=${id}`, { cookie }));
    expect(page.renaming).toEqual({ id, name: "Knife crime" });

    const response = await call(tagsAction, `/manage/tags?rename=${id}`, { cookie, form: { intent: "rename", id: String(id), name: "Knife Crime" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/manage/tags?renamed=${id}`);
    expect(listReportingTags().find((t) => t.id === id)).toMatchObject({ name: "Knife Crime", slug: "knife-crime" });
    const [event] = listAuditEvents({ subjectType: "reporting_tag", subjectId: String(id) });
    expect(event).toMatchObject({ action: "reporting_tag.renamed", before: expect.objectContaining({ name: "Knife crime" }), after: expect.objectContaining({ name: "Knife Crime" }) });
  });

  it("a blank name or one already in the list is refused on the name field, keeping what was typed", async () => {
    const blank = await call(tagsAction, "/manage/tags", { cookie, form: { intent: "add", name: "   " } });
    expect(blank.status).toBe(400);
    expect((await jsonOf<Failure>(blank)).errors).toEqual({ name: "Enter a name" });

    await call(tagsAction, "/manage/tags", { cookie, form: { intent: "add", name: "Hate Crime" } });
    const twice = await call(tagsAction, "/manage/tags", { cookie, form: { intent: "add", name: "Hate Crime" } });
    expect(twice.status).toBe(400);
    expect(await jsonOf<Failure>(twice)).toEqual({ errors: { name: "Hate Crime is already in the list" }, values: { intent: "add", name: "Hate Crime" } });

    const { id } = tag("Knife Crime");
    const renameClash = await call(tagsAction, `/manage/tags?rename=${id}`, { cookie, form: { intent: "rename", id: String(id), name: "Hate Crime" } });
    expect(renameClash.status).toBe(400);
    expect(await jsonOf<Failure>(renameClash)).toEqual({ errors: { name: "Hate Crime is already in the list" }, values: { intent: "rename", id: String(id), name: "Hate Crime" } });
    expect(listReportingTags().filter((t) => t.name === "Hate Crime")).toHaveLength(1);
  });

  it.each(["999999", "abc"])("renaming tag %s, which does not exist, is not found", async (id) => {
    expect((await call(tagsPage, `/manage/tags?rename=${id}`, { cookie })).status).toBe(404);
    expect((await call(tagsAction, `/manage/tags?rename=${id}`, { cookie, form: { intent: "rename", id, name: "Anything" } })).status).toBe(404);
  });
});

describe("districts", () => {
  it("districts are added and renamed, never deleted, and each change is audited", async () => {
    for (const name of ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefeild"]) {
      expect((await call(districtsAction, "/manage/districts", { cookie, form: { intent: "add", name } })).status).toBe(302);
    }
    const typo = listDistricts().find((d) => d.name === "Wakefeild")!;
    const response = await call(districtsAction, `/manage/districts?rename=${typo.id}`, { cookie, form: { intent: "rename", id: String(typo.id), name: "Wakefield" } });
    expect(response.headers.get("Location")).toBe(`/manage/districts?renamed=${typo.id}`);
    expect(listDistricts().map((d) => d.name)).toEqual(["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]);
    expect(listAuditEvents({ subjectType: "district", subjectId: String(typo.id) }).map((e) => e.action)).toEqual(["district.renamed", "district.created"]);

    const page = await jsonOf<{ districts: { name: string }[] }>(await call(districtsPage, "/manage/districts", { cookie }));
    expect(page.districts).toHaveLength(5);
    const clash = await call(districtsAction, "/manage/districts", { cookie, form: { intent: "add", name: "Leeds" } });
    expect((await jsonOf<Failure>(clash)).errors).toEqual({ name: "Leeds is already in the list" });
    expect((await call(districtsPage, "/manage/districts?rename=424242", { cookie })).status).toBe(404);
  });
});

describe("outcomes and impacts", () => {
  it("an outcome or impact is added with its kind, and can be renamed or moved to the other kind", async () => {
    const response = await call(outcomesAction, "/manage/outcomes", { cookie, form: { intent: "add", name: "Reduction in offending", kind: "outcome" } });
    expect(response.status).toBe(302);
    const item = listOutcomes().find((o) => o.name === "Reduction in offending")!;
    expect(item.kind).toBe("outcome");
    expect(listAuditEvents({ subjectType: "outcome", subjectId: String(item.id) })[0]).toMatchObject({ action: "outcome.created", actorUserId: officerId });

    const page = await jsonOf<{ renaming: { kind: string } }>(await call(outcomesPage, `/manage/outcomes?rename=${item.id}`, { cookie }));
    expect(page.renaming).toEqual({ id: item.id, name: "Reduction in offending", kind: "outcome" });
    const renamed = await call(outcomesAction, `/manage/outcomes?rename=${item.id}`, { cookie, form: { intent: "rename", id: String(item.id), name: "Reduction in reoffending", kind: "impact" } });
    expect(renamed.headers.get("Location")).toBe(`/manage/outcomes?renamed=${item.id}`);
    expect(listOutcomes().find((o) => o.id === item.id)).toMatchObject({ name: "Reduction in reoffending", kind: "impact" });
    expect(listAuditEvents({ subjectType: "outcome", subjectId: String(item.id) })[0]).toMatchObject({ action: "outcome.renamed" });
  });

  it("the kind must be chosen, and a name already in the list is refused", async () => {
    const noKind = await call(outcomesAction, "/manage/outcomes", { cookie, form: { intent: "add", name: "Being safe" } });
    expect(noKind.status).toBe(400);
    const body = await jsonOf<Failure>(noKind);
    expect(body.errors).toEqual({ kind: "Select whether this is an outcome or an impact" });
    expect(body.values).toEqual({ intent: "add", name: "Being safe" });

    await call(outcomesAction, "/manage/outcomes", { cookie, form: { intent: "add", name: "Being safe", kind: "outcome" } });
    const twice = await call(outcomesAction, "/manage/outcomes", { cookie, form: { intent: "add", name: "Being safe", kind: "impact" } });
    expect((await jsonOf<Failure>(twice)).errors).toEqual({ name: "Being safe is already in the list" });
    expect((await call(outcomesAction, "/manage/outcomes", { cookie, form: { intent: "rename", id: "9999", name: "X", kind: "outcome" } })).status).toBe(404);
  });
});
