/**
 * Removing a member of staff's access: their sessions end in the same transaction, the right password
 * no longer signs them in (and only the right password learns why), and an admin can give it back.
 */
import { describe, expect, it } from "vitest";
import { ACCESS_REMOVED, WRONG_CREDENTIALS } from "~/domain/accounts/sign-in";
import { listAuditEvents } from "~/models/audit.server";
import { countSessionsForUser } from "~/models/session.server";
import { action as accessAction, loader as accessLoader } from "~/routes/admin.staff.$userId.access";
import { loader as staffLoader } from "~/routes/admin.staff._index";
import { action as loginAction } from "~/routes/login";
import { loader as officerLoader } from "~/routes/officer._index";
import { signedIn, TEST_PASSWORD } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";

type Failure = { errors: Record<string, string> };

async function removeAccess(adminCookie: string, userId: number, access: "remove" | "restore" = "remove") {
  return call(accessAction, `/admin/staff/${userId}/access`, { cookie: adminCookie, params: { userId: String(userId) }, form: { access } });
}

describe("removing a member of staff's access", () => {
  it("ends their sessions at once and stops the right password signing them in; restoring lets them back", async () => {
    const admin = await signedIn("admin");
    const officer = await signedIn("grants_officer");
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).status).toBe(200);

    const page = await jsonOf<{ person: { removedAt: string | null } }>(await call(accessLoader, "/", { cookie: admin.cookie, params: { userId: String(officer.user.id) } }));
    expect(page.person.removedAt).toBeNull();
    const removed = await removeAccess(admin.cookie, officer.user.id);
    expect(removed.headers.get("Location")).toBe(`/admin/staff?accessRemoved=${officer.user.id}`);

    expect(countSessionsForUser(officer.user.id)).toBe(0);
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).headers.get("Location")).toMatch(/^\/login\?/);
    const rightPassword = await call(loginAction, "/login", { form: { email: officer.user.email, password: TEST_PASSWORD } });
    expect(rightPassword.status).toBe(400);
    expect((await jsonOf<Failure>(rightPassword)).errors.email).toBe(ACCESS_REMOVED);
    expect(rightPassword.headers.get("Set-Cookie")).toBeNull();
    // Without the password nobody learns the account exists, let alone that it was closed.
    const wrongPassword = await call(loginAction, "/login", { form: { email: officer.user.email, password: "not-the-password-at-all" } });
    expect((await jsonOf<Failure>(wrongPassword)).errors.email).toBe(WRONG_CREDENTIALS);

    const list = await jsonOf<{ staff: { id: number; accessRemovedAt: string | null }[] }>(await call(staffLoader, "/admin/staff", { cookie: admin.cookie }));
    expect(list.staff.find((s) => s.id === officer.user.id)!.accessRemovedAt).not.toBeNull();

    const restored = await removeAccess(admin.cookie, officer.user.id, "restore");
    expect(restored.headers.get("Location")).toBe(`/admin/staff?accessRestored=${officer.user.id}`);
    const back = await call(loginAction, "/login", { form: { email: officer.user.email, password: TEST_PASSWORD } });
    expect(back.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fofficer");

    const events = listAuditEvents({ subjectType: "user", subjectId: String(officer.user.id) }).filter((e) => e.action.startsWith("staff.access"));
    expect(events.map((e) => [e.action, e.actorUserId]).reverse()).toEqual([
      ["staff.access_removed", admin.user.id],
      ["staff.access_restored", admin.user.id],
    ]);
  });

  it("an admin cannot remove their own access, applicants are not staff, and only admins may do it", async () => {
    const admin = await signedIn("admin");
    const own = await removeAccess(admin.cookie, admin.user.id);
    expect(own.status).toBe(400);
    expect((await jsonOf<Failure>(own)).errors.access).toMatch(/cannot remove your own access/);
    expect(countSessionsForUser(admin.user.id)).toBe(1);

    const applicant = await signedIn("applicant");
    expect((await removeAccess(admin.cookie, applicant.user.id)).status).toBe(404);
    expect((await call(accessLoader, "/", { cookie: admin.cookie, params: { userId: String(applicant.user.id) } })).status).toBe(404);

    const officer = await signedIn("grants_officer");
    const finance = await signedIn("finance");
    expect((await removeAccess(officer.cookie, finance.user.id)).status).toBe(403);
    expect(countSessionsForUser(finance.user.id)).toBe(1);
  });

  it("refuses a form that says neither remove nor restore, with a message", async () => {
    const admin = await signedIn("admin");
    const officer = await signedIn("grants_officer");
    const bad = await call(accessAction, "/", { cookie: admin.cookie, params: { userId: String(officer.user.id) }, form: { access: "delete-everything" } });
    expect(bad.status).toBe(400);
    expect((await jsonOf<Failure>(bad)).errors.access).toBe("Choose whether to remove or restore access");
    expect(countSessionsForUser(officer.user.id)).toBe(1);
  });
});
