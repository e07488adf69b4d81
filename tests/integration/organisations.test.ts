import { describe, expect, it } from "vitest";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$organisationId.members";
import { action as joinAction, loader as joinLoader } from "~/routes/join.$token";
import { action as profileAction, loader as profileLoader } from "~/routes/organisations.$organisationId.profile";
import { listAuditEvents } from "~/models/audit.server";
import { getOrganisationProfile } from "~/models/organisation-profile.server";
import { findUserByEmail, listOrganisationsForUser } from "~/models/user.server";
import { call, jsonOf, sessionCookieFrom } from "../setup/remix";
import { lastLinkTo } from "../setup/outbox";
import { halfSignedInCookie, signedIn, withAuthenticator } from "../factories/accounts";
import { VALID_PROFILE } from "../factories/bids";

type Failure = { errors: Record<string, string>; values: Record<string, string> };
const params = (organisationId: number) => ({ organisationId: String(organisationId) });

describe("the organisation profile", () => {
  it("a member saves the legal details, address, income and main contact, audited", async () => {
    const { user, cookie } = await signedIn("applicant");
    const response = await call(profileAction, "/", { cookie, params: params(user.organisationId!), form: VALID_PROFILE });
    expect(response.headers.get("Location")).toBe(`/organisations/${user.organisationId}`);
    const profile = getOrganisationProfile(user.organisationId!)!;
    expect(profile).toMatchObject({ type: "registered_charity", charityNumber: "1000001", postcode: "LS1 1UR", annualIncomePence: 4_500_000 });
    const page = await jsonOf<{ values: Record<string, string> }>(await call(profileLoader, "/", { cookie, params: params(user.organisationId!) }));
    expect(page.values.annualIncome).toBe("45000.00");
    expect(listAuditEvents({ subjectType: "organisation", subjectId: String(user.organisationId) })[0].action).toBe("organisation.profile_created");
  });

  it("asks for the number a type of organisation must have, and checks its shape", async () => {
    const { user, cookie } = await signedIn("applicant");
    const charity = await call(profileAction, "/", { cookie, params: params(user.organisationId!), form: { ...VALID_PROFILE, charityNumber: "" } });
    expect((await jsonOf<Failure>(charity)).errors.charityNumber).toBe("Enter your charity number");
    const cic = await call(profileAction, "/", { cookie, params: params(user.organisationId!), form: { ...VALID_PROFILE, type: "community_interest_company", charityNumber: "", companyNumber: "12" } });
    expect((await jsonOf<Failure>(cic)).errors.companyNumber).toBe("Company number must be 8 characters, like 01234567 or SC123456");
    const postcode = await call(profileAction, "/", { cookie, params: params(user.organisationId!), form: { ...VALID_PROFILE, postcode: "LS1 XYZ" } });
    const body = await jsonOf<Failure>(postcode);
    expect(body.errors.postcode).toBe("Enter a real postcode, like LS1 1UR");
    expect(body.values.town).toBe("Leeds");
  });

  it("is a 404 for someone outside the organisation", async () => {
    const owner = await signedIn("applicant");
    const other = await signedIn("applicant");
    expect((await call(profileLoader, "/", { cookie: other.cookie, params: params(owner.user.organisationId!) })).status).toBe(404);
    expect((await call(profileAction, "/", { cookie: other.cookie, params: params(owner.user.organisationId!), form: VALID_PROFILE })).status).toBe(404);
    expect(getOrganisationProfile(owner.user.organisationId!)).toBeUndefined();
  });
});

describe("several people, several organisations", () => {
  it("a member invites someone new, who makes an account and joins", async () => {
    const { user, cookie } = await signedIn("applicant", { organisationName: "Wakefield Street Pastors" });
    const invited = await call(membersAction, "/", { cookie, params: params(user.organisationId!), form: { email: "new.volunteer@example.org" } });
    expect(invited.status).toBe(302);
    const link = lastLinkTo("new.volunteer@example.org", "/join/");
    const token = link.split("/").pop()!;
    const page = await jsonOf<{ invitation: { organisationName: string } }>(await call(joinLoader, link, { params: { token } }));
    expect(page.invitation.organisationName).toBe("Wakefield Street Pastors");
    const joined = await call(joinAction, link, { params: { token }, form: { name: "Ravi Patel", password: "marble-staircase-owl" } });
    expect(joined.headers.get("Location")).toBe(`/organisations/${user.organisationId}`);
    expect(sessionCookieFrom(joined)).toBeDefined();
    const newcomer = findUserByEmail("new.volunteer@example.org")!;
    expect(listOrganisationsForUser(newcomer.id).map((o) => o.name)).toEqual(["Wakefield Street Pastors"]);
    const members = await jsonOf<{ members: { email: string }[] }>(await call(membersLoader, "/", { cookie, params: params(user.organisationId!) }));
    expect(members.members.map((m) => m.email).sort()).toEqual([user.email, "new.volunteer@example.org"].sort());
    expect((await call(joinAction, link, { params: { token }, form: { name: "Again", password: "marble-staircase-owl" } })).status).toBe(400);
  });

  it("someone who already has an account joins a second organisation with it", async () => {
    const first = await signedIn("applicant", { organisationName: "Kirklees Youth Cafe" });
    const second = await signedIn("applicant", { organisationName: "Batley Boxing" });
    await call(membersAction, "/", { cookie: first.cookie, params: params(first.user.organisationId!), form: { email: second.user.email } });
    const token = lastLinkTo(second.user.email, "/join/").split("/").pop()!;
    const joined = await call(joinAction, "/", { cookie: second.cookie, params: { token }, form: {} });
    expect(joined.headers.get("Location")).toBe(`/organisations/${first.user.organisationId}`);
    expect(listOrganisationsForUser(second.user.id).map((o) => o.name)).toEqual(["Batley Boxing", "Kirklees Youth Cafe"]);
    expect(listAuditEvents({ subjectType: "organisation", subjectId: String(first.user.organisationId) }).map((e) => e.action)).toEqual(["organisation.member_joined", "organisation.member_invited"]);
  });

  it("a session still waiting for its two-factor code cannot accept an invitation", async () => {
    const first = await signedIn("applicant", { organisationName: "Dewsbury Street Angels" });
    const second = await signedIn("applicant", { organisationName: "Heckmondwike Allotments" });
    withAuthenticator(second.user.id);
    const half = await halfSignedInCookie(second.user.id);
    await call(membersAction, "/", { cookie: first.cookie, params: params(first.user.organisationId!), form: { email: second.user.email } });
    const token = lastLinkTo(second.user.email, "/join/").split("/").pop()!;
    const page = await jsonOf<{ signedInAs: unknown }>(await call(joinLoader, "/", { cookie: half.cookie, params: { token } }));
    expect(page.signedInAs).toBeNull();
    const refused = await call(joinAction, "/", { cookie: half.cookie, params: { token }, form: {} });
    expect(refused.status).toBe(400);
    expect(listOrganisationsForUser(second.user.id).map((o) => o.name)).toEqual(["Heckmondwike Allotments"]);
  });

  it("an invitation only works for the address it was sent to", async () => {
    const owner = await signedIn("applicant");
    const stranger = await signedIn("applicant");
    await call(membersAction, "/", { cookie: owner.cookie, params: params(owner.user.organisationId!), form: { email: "intended@example.org" } });
    const token = lastLinkTo("intended@example.org", "/join/").split("/").pop()!;
    const hijack = await call(joinAction, "/", { cookie: stranger.cookie, params: { token }, form: {} });
    expect(hijack.status).toBe(400);
    expect(listOrganisationsForUser(stranger.user.id)).toHaveLength(1);
  });

  it("refuses to invite someone who is already a member, and outsiders cannot invite", async () => {
    const { user, cookie } = await signedIn("applicant");
    const again = await call(membersAction, "/", { cookie, params: params(user.organisationId!), form: { email: user.email } });
    expect((await jsonOf<Failure>(again)).errors.email).toBe("This person already acts for your organisation");
    const outsider = await signedIn("applicant");
    expect((await call(membersAction, "/", { cookie: outsider.cookie, params: params(user.organisationId!), form: { email: "x@example.org" } })).status).toBe(404);
  });
});
