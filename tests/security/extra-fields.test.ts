/**
 * Mass assignment: every action an applicant (or assessor) uses to save something is posted a valid
 * form plus hostile extra fields naming columns they must never set: a status, an amount, an
 * assessor, another organisation, a round, a reference, who made it, an approval. The intended
 * fields change; none of those columns do, no other record changes, and no other table is touched
 * beyond the ones the action writes (its rows and the audit trail).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client";
import {
  assessments,
  attachments,
  awardAcceptances,
  awards,
  bankDetails,
  bids,
  memberships,
  monitoringReturns,
  organisationInvitations,
  organisationProfiles,
  organisations,
  users,
  variations,
} from "#db/schema";
import { SECTIONS, type SectionKey } from "~/domain/bids/sections";
import { inviteMember } from "~/models/organisation-member.server";
import { decideVariation } from "~/models/awards/variations.server";
import { formDataToValues } from "~/utils/forms";
import { call } from "../setup/remix";
import { createUser, sessionCookieFor, TEST_PASSWORD } from "../factories/accounts";
import { anOffer } from "../factories/awards";
import { validAnswers } from "../factories/bids";
import { buildWorld, formFor, paramsFor, restoreWorld, snapshotWorld, urlFor, type World } from "./world";

type Form = Record<string, string | string[]>;
type Handler = Parameters<typeof call>[0];

let world: World;
let snapshot: string;

beforeAll(async () => {
  world = await buildWorld();
  snapshot = snapshotWorld();
});
afterAll(() => fs.rmSync(snapshot, { force: true }));
// Each case starts from the world as built.
beforeEach(() => restoreWorld(snapshot));

/** Columns nobody may set through an applicant's form, with values that would matter if they stuck. */
function hostile(w: World): Form {
  return {
    id: "1",
    status: "awarded",
    amountAwardedPence: "99999999",
    amountPence: "99999999",
    amountRequestedPence: "99999999",
    underspendPence: "99999999",
    weightedScore: "10000",
    assessorId: String(w.users.assessorUnassigned),
    organisationId: String(w.b.organisationId),
    roundId: String(w.assessmentRoundId),
    bidId: String(w.b.submittedBidId),
    awardId: String(w.b.awardId),
    userId: String(w.users.admin),
    reference: "MSCF-GR8-9999",
    createdBy: String(w.users.applicantB),
    submittedBy: String(w.users.applicantB),
    acceptedBy: String(w.users.applicantB),
    invitedBy: String(w.users.applicantB),
    uploadedBy: String(w.users.applicantB),
    reviewedBy: String(w.users.officer),
    decidedBy: String(w.users.officer),
    confirmedBy: String(w.users.finance),
    confirmedAt: "1700000000000",
    needsConfirmation: "false",
    approved: "true",
    role: "admin",
    email: "attacker@example.org",
    createdAt: "0",
    submittedAt: "0",
    acceptedAt: "0",
    "lines.99.item": "Hidden line",
    "lines.99.cost": "99999",
    __proto__: "polluted",
  };
}

/** The valid form wins wherever it names a field; the hostile ones ride along. */
const withHostile = (valid: Form): Form => ({ ...hostile(world), ...valid });

/** A digest of each table's rows, to show which tables an action touched. */
function tableDigests(): Record<string, string> {
  const sqlite = getSqlite();
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'sessions' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, crypto.createHash("sha256").update(JSON.stringify(sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all())).digest("hex")]));
}

function changedTables(before: Record<string, string>): string[] {
  const after = tableDigests();
  return Object.keys(after).filter((t) => after[t] !== before[t]);
}

async function post(route: string, form: Form, { caller = "applicantA", org = "a", cookie }: { caller?: keyof World["cookies"]; org?: "a" | "b"; cookie?: string } = {}) {
  const mod = (await import(/* @vite-ignore */ path.resolve("app/routes", `${route}.tsx`))) as { action: Handler };
  const params = paramsFor(route, world, org);
  return call(mod.action, urlFor(route, params), { cookie: cookie ?? world.cookies[caller], params, form });
}

/** What the server reads from a posted form (a one-item list arrives as a single value). */
function asPosted(form: Form): Record<string, unknown> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return formDataToValues(fd);
}

const bidRow = (id: number) => getDb().select().from(bids).where(eq(bids.id, id)).get()!;
const awardRow = (id: number) => getDb().select().from(awards).where(eq(awards.id, id)).get()!;
const without = <T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k as keyof T)));

describe("a bid page posted with extra fields", () => {
  it.each(SECTIONS.map((s) => s.key))("%s keeps only the page's answers, and no column of the bid changes", async (key: SectionKey) => {
    const draftBefore = bidRow(world.a.draftBidId);
    const otherBids = [world.a.submittedBidId, world.b.draftBidId, world.b.submittedBidId].map(bidRow);
    const typical = validAnswers(world.openRoundId)[key] as Form;
    const valid = key === "project" ? { ...typical, title: "Beeston evening boxing" } : typical;
    const form = { ...withHostile(valid), intent: "save" };
    const before = tableDigests();

    const response = await call((await import("~/routes/applications.$bidId.$section")).action, `/applications/${world.a.draftBidId}/${key}`, {
      cookie: world.cookies.applicantA,
      params: { bidId: String(world.a.draftBidId), section: key },
      form,
    });
    expect(response.status, await response.clone().text()).toBe(302);

    const after = bidRow(world.a.draftBidId);
    expect(after.answers[key]).toEqual(asPosted(valid));
    expect(without(after, "answers", "updatedAt")).toEqual(without(draftBefore, "answers", "updatedAt"));
    expect(without(after.answers, key)).toEqual(without(draftBefore.answers, key));
    expect([world.a.submittedBidId, world.b.draftBidId, world.b.submittedBidId].map(bidRow)).toEqual(otherBids);
    expect(changedTables(before).sort()).toEqual(["audit_events", "bids"]);
  });
});

describe("an applicant's action posted with extra fields", () => {
  it("submitting a bid sets its status, reference and amount from the bid itself", async () => {
    const before = bidRow(world.a.draftBidId);
    const response = await post("applications.$bidId.check", withHostile({}));
    expect(response.status).toBe(302);
    const after = bidRow(world.a.draftBidId);
    expect(after).toMatchObject({ status: "submitted", organisationId: before.organisationId, roundId: before.roundId, createdBy: before.createdBy, amountRequestedPence: 800_000 });
    expect(after.reference).toMatch(/^MSCF-GR8-\d{4}$/);
    expect(after.reference).not.toBe("MSCF-GR8-9999");
    expect(after.submittedAt!.getTime()).toBeGreaterThan(0);
    expect(bidRow(world.b.submittedBidId).status).toBe("under_assessment");
  });

  it("withdrawing a bid withdraws that bid only, and sets nothing else", async () => {
    const before = bidRow(world.a.draftBidId);
    const others = [world.a.submittedBidId, world.b.draftBidId, world.b.submittedBidId].map(bidRow);
    const digests = tableDigests();
    expect((await post("applications.$bidId.withdraw", withHostile({}))).status).toBe(302);
    expect(without(bidRow(world.a.draftBidId), "status", "withdrawnAt", "updatedAt")).toEqual(without(before, "status", "withdrawnAt", "updatedAt"));
    expect(bidRow(world.a.draftBidId).status).toBe("withdrawn");
    expect([world.a.submittedBidId, world.b.draftBidId, world.b.submittedBidId].map(bidRow)).toEqual(others);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "bids"]);
  });

  it("starting a bid makes a draft for the person, with no status, reference or creator from the form", async () => {
    const newcomer = await createUser("applicant", { organisationName: "Ossett Community Larder" });
    const cookie = await sessionCookieFor(newcomer.id);
    const digests = tableDigests();
    const response = await post("applications._index", { ...withHostile({}), roundId: String(world.openRoundId), organisationId: String(newcomer.organisationId) }, { cookie });
    expect(response.status).toBe(302);
    const made = getDb().select().from(bids).where(eq(bids.organisationId, newcomer.organisationId!)).all();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: "draft", roundId: world.openRoundId, createdBy: newcomer.id, reference: null, amountRequestedPence: null, submitted: null, answers: {} });
    expect(changedTables(digests).sort()).toEqual(["audit_events", "bids"]);
  });

  it("removing a document removes that document of that bid, nothing of another's", async () => {
    const before = getDb().select().from(attachments).all();
    const response = await post("applications.$bidId.documents", { ...withHostile({}), intent: "remove", attachmentId: String(world.a.draftAttachmentId) });
    expect(response.status).toBe(302);
    const after = getDb().select().from(attachments).all();
    expect(after).toEqual(before.filter((a) => a.id !== world.a.draftAttachmentId));
  });

  it("uploading a document files it under the bid's organisation and the uploader, whatever else is sent", async () => {
    // The upload reads at most a handful of fields, so the hostile ones are those a document row has.
    const form = new FormData();
    form.set("intent", "upload");
    form.set("kind", "accounts");
    form.set("organisationId", String(world.b.organisationId));
    form.set("bidId", String(world.b.draftBidId));
    form.set("uploadedBy", String(world.users.applicantB));
    form.set("mimeType", "text/html");
    form.set("sha256", "0".repeat(64));
    form.set("storedName", "../../etc/passwd");
    form.append("file", new File([Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")], "accounts 2025.pdf", { type: "application/pdf" }));
    const request = new Request(`http://localhost:3000/applications/${world.a.draftBidId}/documents`, { method: "POST", body: form, headers: { Cookie: world.cookies.applicantA } });
    const { action } = await import("~/routes/applications.$bidId.documents");
    let response: Response;
    try {
      response = (await action({ request, params: { bidId: String(world.a.draftBidId) }, context: {} })) as Response;
    } catch (thrown) {
      response = thrown as Response;
    }
    expect(response.status, await response.clone().text()).toBe(302);
    const row = getDb().select().from(attachments).where(and(eq(attachments.bidId, world.a.draftBidId), eq(attachments.kind, "accounts"))).get()!;
    expect(row).toMatchObject({ organisationId: world.a.organisationId, bidId: world.a.draftBidId, uploadedBy: world.users.applicantA, mimeType: "application/pdf", originalName: "accounts 2025.pdf" });
    expect(row.sha256).not.toBe("0".repeat(64));
    expect(row.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(getDb().select().from(attachments).where(eq(attachments.bidId, world.b.draftBidId)).all().map((a) => a.id)).not.toContain(row.id);
  });

  it("the organisation's profile changes the profile and name of that organisation only", async () => {
    const orgsBefore = getDb().select().from(organisations).all();
    const profileB = getDb().select().from(organisationProfiles).where(eq(organisationProfiles.organisationId, world.b.organisationId)).get();
    const digests = tableDigests();
    const response = await post("organisations.$organisationId.profile", withHostile(formFor("organisations.$organisationId.profile", world) as Form));
    expect(response.status).toBe(302);
    const orgsAfter = getDb().select().from(organisations).all();
    expect(orgsAfter.filter((o) => o.id !== world.a.organisationId)).toEqual(orgsBefore.filter((o) => o.id !== world.a.organisationId));
    expect(orgsAfter.find((o) => o.id === world.a.organisationId)).toMatchObject({ name: "Holbeck Community Boxing", createdAt: orgsBefore.find((o) => o.id === world.a.organisationId)!.createdAt });
    expect(getDb().select().from(organisationProfiles).where(eq(organisationProfiles.organisationId, world.b.organisationId)).get()).toEqual(profileB);
    expect(getDb().select().from(memberships).all().every((m) => m.organisationId !== world.b.organisationId || m.userId !== world.users.applicantA)).toBe(true);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "organisation_profiles", "organisations"]);
  });

  it("inviting a member invites them to this organisation, from this person, not yet accepted, with no role", async () => {
    const usersBefore = getDb().select().from(users).all();
    const digests = tableDigests();
    const response = await post("organisations.$organisationId.members", withHostile(formFor("organisations.$organisationId.members", world) as Form));
    expect(response.status).toBe(302);
    const invitations = getDb().select().from(organisationInvitations).all();
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ organisationId: world.a.organisationId, invitedBy: world.users.applicantA, email: "new.volunteer@example.org", acceptedAt: null });
    expect(getDb().select().from(users).all()).toEqual(usersBefore);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "organisation_invitations"].filter((t) => t in digests).sort());
  });

  it("joining through an invitation joins its organisation as an applicant, whatever role or organisation is posted", async () => {
    const token = inviteMember(world.a.organisationId, world.users.applicantA, "ravi.patel@example.org", new Date());
    const { action } = await import("~/routes/join.$token");
    const response = await call(action, `/join/${token}`, { params: { token }, form: { ...hostile(world), email: "ravi.patel@example.org", name: "Ravi Patel", password: "marble-staircase-owl" } });
    expect(response.status).toBe(302);
    const person = getDb().select().from(users).where(eq(users.email, "ravi.patel@example.org")).get()!;
    expect(person.role).toBe("applicant");
    expect(getDb().select().from(memberships).where(eq(memberships.userId, person.id)).all().map((m) => m.organisationId)).toEqual([world.a.organisationId]);
  });

  it("signing up makes an applicant of a new organisation, whatever role or organisation is posted", async () => {
    const { action } = await import("~/routes/signup");
    const response = await call(action, "/signup", { form: { ...hostile(world), ...(formFor("signup", world) as Form) } });
    expect(response.status).toBe(302);
    const person = getDb().select().from(users).where(eq(users.email, "priya.sharma@example.org")).get()!;
    expect(person.role).toBe("applicant");
    const joined = getDb().select().from(memberships).where(eq(memberships.userId, person.id)).all().map((m) => m.organisationId);
    expect(joined).toHaveLength(1);
    expect([world.a.organisationId, world.b.organisationId]).not.toContain(joined[0]);
  });

  it("changing one's password changes the password only, never the role, e-mail or authenticator", async () => {
    const before = getDb().select().from(users).where(eq(users.id, world.users.applicantA)).get()!;
    const response = await post("account", { ...hostile(world), currentPassword: TEST_PASSWORD, password: "quiet-meadow-lighthouse", confirmPassword: "quiet-meadow-lighthouse", totpSecret: "JBSWY3DPEHPK3PXP", totpConfirmedAt: "1" });
    expect(response.status).toBe(302);
    const after = getDb().select().from(users).where(eq(users.id, world.users.applicantA)).get()!;
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(without(after, "passwordHash", "passwordChangedAt")).toEqual(without(before, "passwordHash", "passwordChangedAt"));
  });
});

describe("an award's actions posted with extra fields", () => {
  it("accepting an offer accepts that award for that person, and its amount and status come from the award", async () => {
    const offer = await anOffer(6000);
    const cookie = await sessionCookieFor(offer.applicant.id);
    const others = getDb().select().from(awards).all().filter((a) => a.id !== offer.award.id);
    const { action } = await import("~/routes/awards.$awardId.accept");
    const response = await call(action, `/awards/${offer.award.id}/accept`, { cookie, params: { awardId: String(offer.award.id) }, form: withHostile(formFor("awards.$awardId.accept", world) as Form) });
    expect(response.status).toBe(302);
    expect(without(awardRow(offer.award.id), "status")).toEqual(without(offer.award, "status"));
    expect(awardRow(offer.award.id).status).toBe("accepted");
    expect(getDb().select().from(awardAcceptances).where(eq(awardAcceptances.awardId, offer.award.id)).get()).toMatchObject({ acceptedBy: offer.applicant.id, signatoryName: "Aisha Khan" });
    expect(getDb().select().from(awards).all().filter((a) => a.id !== offer.award.id)).toEqual(others);
  });

  it("bank details are filed against that award, waiting for finance, never confirmed by the form", async () => {
    const awardsBefore = getDb().select().from(awards).all();
    const digests = tableDigests();
    const response = await post("awards.$awardId.bank-details", withHostile(formFor("awards.$awardId.bank-details", world) as Form));
    expect(response.status).toBe(302);
    const newest = getDb().select().from(bankDetails).all().at(-1)!;
    expect(newest).toMatchObject({ awardId: world.a.awardId, submittedBy: world.users.applicantA, needsConfirmation: true, confirmedBy: null, confirmedAt: null, accountNumber: "87654321" });
    expect(getDb().select().from(awards).all()).toEqual(awardsBefore);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "bank_details"]);
  });

  it("a monitoring return is filed as submitted, against that award, not reviewed, with the underspend typed", async () => {
    const awardsBefore = getDb().select().from(awards).all();
    const digests = tableDigests();
    const response = await post("awards.$awardId.returns.$kind", withHostile(formFor("awards.$awardId.returns.$kind", world) as Form));
    expect(response.status).toBe(302);
    const returned = getDb().select().from(monitoringReturns).where(and(eq(monitoringReturns.awardId, world.a.awardId), eq(monitoringReturns.kind, "final"))).get()!;
    expect(returned).toMatchObject({ status: "submitted", submittedBy: world.users.applicantA, reviewedBy: null, reviewedAt: null, underspendPence: 0, beneficiariesReached: 58 });
    expect(getDb().select().from(monitoringReturns).where(eq(monitoringReturns.awardId, world.b.awardId)).all()).toHaveLength(1);
    expect(getDb().select().from(awards).all()).toEqual(awardsBefore);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "monitoring_returns", "return_outcomes", "return_spend"]);
  });

  it("a variation is requested, against that award, undecided, and the award's dates stay as they are", async () => {
    // The world's award already has a change of dates waiting; an officer decides it first.
    expect(decideVariation({ variationId: world.a.variationId, decision: "refuse", note: "Not needed yet", officerId: world.users.officer }).ok).toBe(true);
    const awardsBefore = getDb().select().from(awards).all();
    const digests = tableDigests();
    const response = await post("awards.$awardId.variations", withHostile(formFor("awards.$awardId.variations", world) as Form));
    expect(response.status, await response.clone().text()).toBe(302);
    const asked = getDb().select().from(variations).where(eq(variations.awardId, world.a.awardId)).all().at(-1)!;
    expect(asked).toMatchObject({ kind: "dates", status: "requested", requestedBy: world.users.applicantA, decidedBy: null, decidedAt: null, decisionNote: null });
    expect(getDb().select().from(awards).all()).toEqual(awardsBefore);
    expect(changedTables(digests).sort()).toEqual(["audit_events", "variations"]);
  });
});

describe("an assessor's scores posted with extra fields", () => {
  it("save the scores of that assessment only, never its status, score or assessor", async () => {
    const others = getDb().select().from(assessments).all().filter((a) => a.id !== world.a.assessmentId);
    const response = await post("assess.$assessmentId.score", withHostile(formFor("assess.$assessmentId.score", world) as Form), { caller: "assessorAssigned" });
    expect(response.status).toBe(302);
    const mine = getDb().select().from(assessments).where(eq(assessments.id, world.a.assessmentId)).get()!;
    expect(mine).toMatchObject({ status: "in_progress", assessorId: world.users.assessorAssigned, bidId: world.a.submittedBidId, weightedScore: null, submittedAt: null });
    expect(getDb().select().from(assessments).all().filter((a) => a.id !== world.a.assessmentId)).toEqual(others);
  });
});
