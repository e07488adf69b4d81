import { describe, expect, it } from "vitest";
import { action as inviteAction } from "~/routes/admin.staff.invite";
import { action as staffAction, loader as staffLoader } from "~/routes/admin.staff._index";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invitations.$token";
import { loader as officerLoader } from "~/routes/officer._index";
import { listAuditEvents } from "~/models/audit.server";
import { findUserByEmail } from "~/models/user.server";
import { call, jsonOf } from "../setup/remix";
import { lastLinkTo } from "../setup/outbox";
import { signedIn } from "../factories/accounts";

describe("admins invite staff and set roles", () => {
  it("an invited person chooses a password and arrives with the role they were given", async () => {
    const { cookie } = await signedIn("admin");
    const invited = await call(inviteAction, "/admin/staff/invite", { cookie, form: { name: "Nadia Hussain", email: "nadia@opcc.example", role: "grants_officer" } });
    expect(invited.headers.get("Location")).toBe("/admin/staff?invited=nadia%40opcc.example");
    const link = lastLinkTo("nadia@opcc.example", "/invitations/");
    const token = link.split("/").pop()!;
    const page = await jsonOf<{ invitation: { role: string } }>(await call(acceptLoader, link, { params: { token } }));
    expect(page.invitation.role).toBe("Grants officer");

    const accepted = await call(acceptAction, link, { params: { token }, form: { password: "violet-canal-sunrise", confirmPassword: "violet-canal-sunrise" } });
    expect(accepted.headers.get("Location")).toBe("/officer");
    expect(findUserByEmail("nadia@opcc.example")!.role).toBe("grants_officer");

    const reused = await call(acceptAction, link, { params: { token }, form: { password: "violet-canal-sunrise", confirmPassword: "violet-canal-sunrise" } });
    expect(reused.status).toBe(400);
  });

  it("only admins can invite", async () => {
    const { cookie } = await signedIn("grants_officer");
    const response = await call(inviteAction, "/admin/staff/invite", { cookie, form: { name: "X", email: "x@opcc.example", role: "admin" } });
    expect(response.status).toBe(403);
    expect(findUserByEmail("x@opcc.example")).toBeUndefined();
  });

  it("an invitation cannot make someone an applicant or an unknown role", async () => {
    const { cookie } = await signedIn("admin");
    for (const role of ["applicant", "superuser", ""]) {
      const response = await call(inviteAction, "/admin/staff/invite", { cookie, form: { name: "Y", email: "y@opcc.example", role } });
      expect(response.status).toBe(400);
      expect((await jsonOf<{ errors: Record<string, string> }>(response)).errors.role).toBe("Select a role");
    }
  });

  it("changing a person's role is audited and signs them out, so their access changes at once", async () => {
    const { user: admin, cookie } = await signedIn("admin");
    const officer = await signedIn("grants_officer");
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).status).toBe(200);
    const changed = await call(staffAction, "/admin/staff", { cookie, form: { userId: String(officer.user.id), role: "finance" } });
    expect(changed.headers.get("Location")).toBe(`/admin/staff?changed=${officer.user.id}`);
    expect((await call(officerLoader, "/officer", { cookie: officer.cookie })).status).toBe(302);
    const event = listAuditEvents({ subjectType: "user", subjectId: String(officer.user.id) })[0];
    expect(event).toMatchObject({ action: "staff.role_changed", actorUserId: admin.id, before: { role: "grants_officer" }, after: { role: "finance" } });
  });

  it("an admin cannot change their own role, and applicants' roles cannot be changed here", async () => {
    const { user: admin, cookie } = await signedIn("admin");
    const self = await call(staffAction, "/admin/staff", { cookie, form: { userId: String(admin.id), role: "assessor" } });
    expect(self.status).toBe(400);
    const applicant = await signedIn("applicant");
    const other = await call(staffAction, "/admin/staff", { cookie, form: { userId: String(applicant.user.id), role: "admin" } });
    expect(other.status).toBe(404);
    expect(findUserByEmail(applicant.user.email)!.role).toBe("applicant");
  });

  it("the staff list shows staff, not applicants", async () => {
    const { cookie } = await signedIn("admin");
    const applicant = await signedIn("applicant");
    const body = await jsonOf<{ staff: { email: string }[] }>(await call(staffLoader, "/admin/staff", { cookie }));
    expect(body.staff.map((s) => s.email)).not.toContain(applicant.user.email);
  });
});
