/**
 * The authorisation matrix: every loader and action in app/routes, called by each of nine kinds of
 * caller against one realistic world (tests/security/world.ts), answers exactly the status this
 * table says. Records in the URL are organisation A's, so applicant B, an assessor who is not
 * assigned and one who declared a conflict must get the same 404 as for a record that does not
 * exist. A refused call (sign-in redirect, 403, 404) must leave every row of every table as it was.
 *
 * The route list is read from app/routes: a route file without an entry here fails the suite.
 * route-guards.test.ts checks roles with made-up ids; this checks objects with real ones.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../setup/remix";
import { buildWorld, CALLERS, formFor, paramNames, paramsFor, restoreWorld, snapshotWorld, tableChecksum, urlFor, type Caller, type World } from "./world";

type Location = string | RegExp | ((w: World) => string);
type Outcome = number | { status: 302; location: Location };
type Row = Record<Caller, Outcome>;
type Entry = { loader?: Row; action?: Row; query?: string };

const LOGIN: Outcome = { status: 302, location: /^\/login\?redirectTo=/ };
const to = (location: Location): Outcome => ({ status: 302, location });

function row(otherwise: Outcome, cells: Partial<Row>): Row {
  return Object.fromEntries(CALLERS.map((c) => [c, cells[c] ?? otherwise])) as Row;
}
/** Anyone at all, signed in or not. */
const everyone = (o: Outcome, cells: Partial<Row> = {}) => row(o, cells);
/** Any signed-in person; the signed-out are sent to sign in. */
const signedIn = (o: Outcome) => row(o, { anonymous: LOGIN });
/** Only the callers named; other signed-in people are refused by role (403). */
const only = (cells: Partial<Row>) => row(403, { anonymous: LOGIN, ...cells });
/** Organisation A's applicant; B's gets the 404 of a missing record. */
const applicantA = (o: Outcome) => only({ applicantA: o, applicantB: 404 });
/** The assessor assigned to A's bid; the unassigned and the conflicted get 404. */
const assignedAssessor = (o: Outcome) => only({ assessorAssigned: o, assessorUnassigned: 404, assessorConflicted: 404 });
const officers = (o: Outcome) => only({ officer: o, admin: o });
const financeStaff = (o: Outcome) => only({ finance: o, admin: o });
const reporters = (o: Outcome) => only({ officer: o, finance: o, admin: o });
const admins = (o: Outcome) => only({ admin: o });
/** Sign-in and sign-up pages send a signed-in person to their home page. */
const homeIfSignedIn = row(200, {
  applicantA: to("/applications"),
  applicantB: to("/applications"),
  assessorUnassigned: to("/assess"),
  assessorAssigned: to("/assess"),
  assessorConflicted: to("/assess"),
  officer: to("/officer"),
  finance: to("/finance"),
  admin: to("/admin"),
});

/** Sign-in's second step: only a session waiting for its code may use it. */
const SIGNED_OUT: Outcome = to("/login");
const secondStep = row(200, { ...homeIfSignedIn, anonymous: SIGNED_OUT });
/** Pages about an authenticator send someone without one to set it up (the world's applicants have none). */
const SET_UP_FIRST: Outcome = to("/account/two-factor");

/** Every route file: who gets what from its loader and its action. */
const MATRIX: Record<string, Entry> = {
  _index: { loader: everyone(200) },
  account: { loader: signedIn(200), action: signedIn(400) /* the current password is wrong */ },
  // Everyone's own data only: the route takes no id.
  "account_.personal-data[.json]": { loader: signedIn(200) },
  // The set-up token is made up, so confirming is refused on the page.
  "account_.two-factor._index": { loader: signedIn(200), action: signedIn(400) },
  "account_.two-factor.recovery-codes": {
    loader: row(200, { anonymous: LOGIN, applicantA: SET_UP_FIRST, applicantB: SET_UP_FIRST }),
    action: row(200, { anonymous: LOGIN, applicantA: SET_UP_FIRST, applicantB: SET_UP_FIRST }),
  },
  // Applicants may turn their own authenticator off; staff may not.
  "account_.two-factor.turn-off": { loader: only({ applicantA: SET_UP_FIRST, applicantB: SET_UP_FIRST }), action: only({ applicantA: SET_UP_FIRST, applicantB: SET_UP_FIRST }) },
  "login_.two-factor": { loader: secondStep, action: secondStep },
  "session.status": { loader: everyone(200) },
  "session.keep-alive": { action: signedIn(200) },
  "session.resume": { loader: signedIn(200), action: signedIn(to("/session/resume")) },
  "admin.retention": { loader: admins(200), action: admins(to("/admin/retention?saved=1")) },
  "admin.subject-access": { loader: admins(200), action: admins(200) },
  "admin.subject-access[.json]": { action: admins(200) },
  "admin.staff.$userId.access": { loader: admins(200), action: admins(to((w) => `/admin/staff?accessRemoved=${w.users.officer}`)) },
  "admin.staff.$userId.two-factor": { loader: admins(200), action: admins(to((w) => `/admin/staff?twoFactorReset=${w.users.officer}`)) },
  "admin._index": { loader: admins(200) },
  "admin.staff._index": { loader: admins(200), action: admins(to((w) => `/admin/staff?changed=${w.users.officer}`)) },
  "admin.staff.invite": { loader: admins(200), action: admins(to(/^\/admin\/staff\?invited=/)) },

  "applications._index": { loader: only({ applicantA: 200, applicantB: 200 }), action: applicantA(to((w) => `/applications/${w.a.draftBidId}`)) },
  "applications.$bidId._index": { loader: applicantA(200) },
  "applications.$bidId.$section": { loader: applicantA(200), action: applicantA(to((w) => `/applications/${w.a.draftBidId}`)) },
  "applications.$bidId.check": { loader: applicantA(200), action: applicantA(to((w) => `/applications/${w.a.draftBidId}/confirmation`)) },
  "applications.$bidId.confirmation": { loader: applicantA(200) },
  "applications.$bidId.documents": { loader: applicantA(200), action: applicantA(to((w) => `/applications/${w.a.draftBidId}/documents`)) },
  "applications.$bidId.withdraw": { loader: applicantA(200), action: applicantA(to((w) => `/applications/${w.a.draftBidId}`)) },

  "assess._index": { loader: only({ assessorUnassigned: 200, assessorAssigned: 200, assessorConflicted: 200 }) },
  // Declared already, so the declaration page (and a second answer) goes on to scoring.
  "assess.$assessmentId._index": {
    loader: assignedAssessor(to((w) => `/assess/${w.a.assessmentId}/score`)),
    action: assignedAssessor(to((w) => `/assess/${w.a.assessmentId}/score`)),
  },
  "assess.$assessmentId.score": { loader: assignedAssessor(200), action: assignedAssessor(to((w) => `/assess?saved=${w.a.assessmentId}`)) },
  "attachments.$attachmentId": {
    loader: only({ applicantA: 200, applicantB: 404, assessorAssigned: 200, assessorUnassigned: 404, assessorConflicted: 404, officer: 200, finance: 200, admin: 200 }),
  },

  "awards.$awardId._index": { loader: applicantA(200) },
  // Already accepted: the page goes back to the award, and accepting again is refused on the page.
  "awards.$awardId.accept": { loader: applicantA(to((w) => `/awards/${w.a.awardId}`)), action: applicantA(400) },
  "awards.$awardId.bank-details": { loader: applicantA(200), action: applicantA(to((w) => `/awards/${w.a.awardId}?done=bank-details`)) },
  "awards.$awardId.returns.$kind": { loader: applicantA(200), action: applicantA(to((w) => `/awards/${w.a.awardId}/returns/final?sent=1`)) },
  // A change of dates is already waiting for a decision, so another is refused on the page.
  "awards.$awardId.variations": { loader: applicantA(200), action: applicantA(400) },

  "finance._index": { loader: financeStaff(200) },
  "finance.audit": { loader: financeStaff(200) },
  // Bank details changed after acceptance wait for confirmation, so paying is refused on the page.
  "finance.awards.$awardId": { loader: financeStaff(200), action: financeStaff(400) },
  "finance.bank-details.$bankDetailsId": { loader: financeStaff(200), action: financeStaff(to((w) => `/finance/bank-details/${w.a.bankDetailsId}?confirmed`)) },
  "finance.budgets": { loader: financeStaff(200), action: financeStaff(to(/^\/finance\/budgets\?saved=budget&/)) },
  "finance.csf._index": { loader: financeStaff(200), action: financeStaff(to(/^\/finance\/csf\?fund=\d+&year=\d+&done=allocated$/)) },
  "finance.csf.$districtId": { loader: financeStaff(200), action: financeStaff(to(/^\/finance\/csf\/\d+\?fund=\d+&year=\d+&done=return$/)) },
  "finance.ledger": { loader: financeStaff(200) },
  "finance.payment-run[.csv]": { loader: financeStaff(200), query: "?from=2020-04-01&to=2040-03-31" },
  "finance.reconciliation": { loader: financeStaff(200) },
  "finance.reconciliation[.csv]": { loader: financeStaff(200) },
  "finance.reconciliation[.xlsx]": { loader: financeStaff(200) },
  // Nothing is due back on the award, so recording a repayment is refused on the page.
  "finance.repayments.$awardId": { loader: financeStaff(200), action: financeStaff(400) },

  "forgot-password": { loader: everyone(200), action: everyone(200) },
  funded: { loader: everyone(200) },
  "funds.$fund.360giving[.csv]": { loader: everyone(200) },
  "funds.$fund.360giving[.json]": { loader: everyone(200) },
  "funds.$fund.panel-report": { loader: reporters(200) },
  "funds.$fund.panel-report[.docx]": { loader: reporters(200) },
  "funds.$fund.rounds.$round._index": { loader: everyone(200) },
  "funds.$fund.rounds.$round.report": { loader: reporters(200) },
  "funds.$fund.rounds.$round.report[.csv]": { loader: reporters(200) },
  "funds.$fund.rounds.$round.report[.xlsx]": { loader: reporters(200) },
  healthcheck: { loader: everyone(200) },
  // Made-up tokens: the page says the link has expired, whoever asks.
  "invitations.$token": { loader: everyone(200), action: everyone(400) },
  "join.$token": { loader: everyone(200), action: everyone(400) },
  "reset-password.$token": { loader: everyone(200), action: everyone(400) },
  login: { loader: homeIfSignedIn, action: everyone(400) /* no such account */ },
  logout: { loader: everyone(to("/")), action: everyone(to("/")) },
  signup: { loader: homeIfSignedIn, action: everyone(to("/applications")) },
  "rounds._index": { loader: everyone(200) },

  "manage._index": { loader: officers(200) },
  "manage.districts": { loader: officers(200), action: officers(to(/^\/manage\/districts\?added=\d+$/)) },
  "manage.tags": { loader: officers(200), action: officers(to(/^\/manage\/tags\?added=\d+$/)) },
  "manage.outcomes": { loader: officers(200), action: officers(to(/^\/manage\/outcomes\?added=\d+$/)) },
  "manage.funds._index": { loader: officers(200) },
  "manage.funds.new": { loader: officers(200), action: officers(to(/^\/manage\/funds\?added=\d+$/)) },
  "manage.funds.$fundId": { loader: officers(200), action: officers(to((w) => `/manage/funds?updated=${w.fundId}`)) },
  "manage.plans._index": { loader: officers(200) },
  "manage.plans.new": { loader: officers(200), action: officers(to(/^\/manage\/plans\?added=\d+$/)) },
  // The plan is in use by rounds, so it can no longer change.
  "manage.plans.$planId": { loader: officers(200), action: officers(409) },
  "manage.rounds._index": { loader: officers(200) },
  "manage.rounds.new": { loader: officers(200), action: officers(to(/^\/manage\/rounds\?added=\d+$/)) },
  "manage.rounds.$roundId": { loader: officers(200), action: officers(to((w) => `/manage/rounds?updated=${w.openRoundId}`)) },

  "officer._index": { loader: officers(200) },
  // Not submitted yet, so there is nothing to reopen.
  "officer.assessments.$assessmentId.reopen": { loader: officers(200), action: officers(400) },
  // No final return yet, so the award cannot close.
  "officer.awards.$awardId.close": { loader: officers(200), action: officers(400) },
  "officer.awards._index": { loader: officers(200) },
  "officer.bids.$bidId._index": { loader: officers(200), action: officers(to((w) => `/officer/rounds/${w.assessmentRoundId}?eligibility=${w.a.submittedBidId}`)) },
  "officer.bids.$bidId.decision": { loader: officers(200), action: officers(to((w) => `/officer/rounds/${w.assessmentRoundId}/decisions`)) },
  // No assessor has submitted a score yet, so there is nothing to moderate.
  "officer.bids.$bidId.moderate": { loader: officers(200), action: officers(400) },
  "officer.returns.$returnId": { loader: officers(200), action: officers(to((w) => `/officer/returns/${w.a.returnId}?done=accept`)) },
  "officer.rounds.$roundId._index": { loader: officers(200), action: officers(to((w) => `/officer/rounds/${w.assessmentRoundId}?settings=saved`)) },
  "officer.rounds.$roundId.assign": { loader: officers(200), action: officers(to((w) => `/officer/rounds/${w.assessmentRoundId}/assign?assigned=1`)) },
  "officer.rounds.$roundId.decisions": { loader: officers(200), action: officers(to((w) => `/officer/rounds/${w.assessmentRoundId}/decisions?applied=1`)) },
  "officer.rounds.$roundId.moderation": { loader: officers(200) },
  // Bids still wait for decisions, so nothing can be released.
  "officer.rounds.$roundId.release": { loader: officers(200), action: officers(400) },
  "officer.variations.$variationId": { loader: officers(200), action: officers(to((w) => `/officer/variations/${w.a.variationId}?done=approve`)) },

  "organisations.$organisationId._index": {
    loader: only({ applicantA: 200, applicantB: 404, officer: 200, admin: 200 }),
    action: officers(to((w) => `/organisations/${w.a.organisationId}#register-checks`)),
  },
  "organisations.$organisationId.members": { loader: applicantA(200), action: applicantA(to((w) => `/organisations/${w.a.organisationId}/members?invited=new.volunteer%40example.org`)) },
  "organisations.$organisationId.profile": { loader: applicantA(200), action: applicantA(to((w) => `/organisations/${w.a.organisationId}`)) },
  "reports._index": { loader: reporters(200) },
};

const routesDir = path.resolve("app/routes");
const routeFiles = fs
  .readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => f.replace(/\.tsx?$/, ""))
  .sort();

const KINDS = ["loader", "action"] as const;
type Kind = (typeof KINDS)[number];
type RouteModule = Partial<Record<Kind, Parameters<typeof call>[0]>>;

async function load(route: string): Promise<RouteModule> {
  const file = fs.existsSync(path.join(routesDir, `${route}.tsx`)) ? `${route}.tsx` : `${route}.ts`;
  return (await import(/* @vite-ignore */ path.join(routesDir, file))) as RouteModule;
}

const refused = (o: Outcome) => o === LOGIN || o === SIGNED_OUT || o === SET_UP_FIRST || o === 403 || o === 404;

function describeOutcome(o: Outcome, w: World): string {
  if (typeof o === "number") return String(o);
  const l = o.location;
  return `302 to ${typeof l === "function" ? l(w) : String(l)}`;
}

function matches(response: Response, o: Outcome, w: World): boolean {
  if (typeof o === "number") return response.status === o;
  if (response.status !== 302) return false;
  const location = response.headers.get("Location") ?? "";
  const l = o.location;
  return l instanceof RegExp ? l.test(location) : location === (typeof l === "function" ? l(w) : l);
}

let world: World;
let snapshot: string;
let pristine: string;
let pristineWithAccounting: string;
let dirty = false;

beforeAll(async () => {
  world = await buildWorld();
  snapshot = snapshotWorld();
  pristine = tableChecksum();
  pristineWithAccounting = tableChecksum({ accounting: true });
});

afterAll(() => fs.rmSync(snapshot, { force: true }));

/** Each call starts from the world as built: an allowed call that changed it is undone first. */
function fromPristine() {
  if (!dirty) return;
  restoreWorld(snapshot);
  dirty = false;
}

async function callAs(route: string, kind: Kind, caller: Caller, handler: NonNullable<RouteModule[Kind]>, params: Record<string, string>, form?: Record<string, string | string[]>) {
  fromPristine();
  const response = await call(handler, urlFor(route, params) + (MATRIX[route]?.query ?? ""), { cookie: world.cookies[caller], params, form });
  // Read the whole body: an export streams, and must finish before the world can be put back.
  const body = await response.text();
  const changed = tableChecksum() !== pristine;
  // Even a throttle count is undone, so no call is throttled by the ones before it.
  if (changed || tableChecksum({ accounting: true }) !== pristineWithAccounting) dirty = true;
  return { response, body, changed };
}

describe("every route has an entry in the matrix", () => {
  it.each(routeFiles)("%s", async (route) => {
    const entry = MATRIX[route];
    expect(entry, `add app/routes/${route} to MATRIX in tests/security/authorization-matrix.test.ts`).toBeDefined();
    const mod = await load(route);
    for (const kind of KINDS) {
      expect(Boolean(entry?.[kind]), `${route}: the ${kind} ${mod[kind] ? "exists but has no row" : "has a row but does not exist"}`).toBe(Boolean(mod[kind]));
    }
  });

  it("has no entry for a route that no longer exists", () => {
    expect(Object.keys(MATRIX).filter((r) => !routeFiles.includes(r))).toEqual([]);
  });
});

describe.each(routeFiles.filter((r) => MATRIX[r]))("%s", (route) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const mod = await load(route);
    for (const kind of KINDS) {
      const handler = mod[kind];
      const expected = MATRIX[route][kind];
      if (!handler || !expected) continue;
      const params = paramsFor(route, world);
      const form = kind === "action" ? formFor(route, world) : undefined;
      const { response, body, changed } = await callAs(route, kind, caller, handler, params, form);
      const got = `${response.status}${response.headers.get("Location") ? ` to ${response.headers.get("Location")}` : ""}`;
      expect(matches(response, expected[caller], world), `${route} ${kind} as ${caller}: expected ${describeOutcome(expected[caller], world)}, got ${got}`).toBe(true);
      // No GET changes state, for anyone, allowed or not (a link followed, prefetched or forged must be harmless).
      if (kind === "loader") expect(changed, `${route} loader as ${caller} changed the database on a GET`).toBe(false);
      if (!refused(expected[caller])) continue;
      expect(changed, `${route} ${kind} as ${caller} was refused but changed the database`).toBe(false);
      if (expected[caller] !== 404) continue;
      // Not yours and not there look the same: the same status and the same words.
      const missing = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, /^\d+$/.test(v) ? "999999" : v]));
      const other = await callAs(route, kind, caller, handler, missing, form);
      expect(other.response.status, `${route} ${kind} as ${caller} with a missing id`).toBe(404);
      expect(other.body).toBe(body);
    }
  });
});

/**
 * The 404s above are about the record, not the person: applicant B reaches B's own records exactly as
 * A reaches A's, and the "unassigned" assessor their own assessment (of B's bid) as the assigned one
 * reaches theirs.
 */
const OWN_RECORDS = routeFiles.filter((r) => MATRIX[r] && /^(applications\.\$bidId|awards\.|organisations\.\$organisationId\.(members|profile)|assess\.\$|attachments\.)/.test(r));

describe.each(OWN_RECORDS)("%s, on the caller's own records", (route) => {
  it.each([
    ["applicantB", "applicantA"],
    ["assessorUnassigned", "assessorAssigned"],
  ] as const)("as %s, as %s does on theirs", async (caller, like) => {
    const mod = await load(route);
    for (const kind of KINDS) {
      const handler = mod[kind];
      const expected = MATRIX[route][kind]?.[like];
      if (!handler || expected === undefined || refused(expected)) continue;
      const { response } = await callAs(route, kind, caller, handler, paramsFor(route, world, "b"), kind === "action" ? formFor(route, world, "b") : undefined);
      expect(response.status, `${route} ${kind} as ${caller} on organisation B's records`).toBe(typeof expected === "number" ? expected : expected.status);
    }
  });
});

describe("an assessor who declared a conflict of interest", () => {
  it("cannot open, score or download anything of that bid, even through their own assessment", async () => {
    const declare = await load("assess.$assessmentId._index");
    const score = await load("assess.$assessmentId.score");
    const download = await load("attachments.$attachmentId");
    const params = { assessmentId: String(world.a.conflictedAssessmentId) };
    const scoreForm = formFor("assess.$assessmentId.score", world);
    for (const [route, kind, handler, form] of [
      ["assess.$assessmentId._index", "loader", declare.loader!, undefined],
      ["assess.$assessmentId._index", "action", declare.action!, { conflict: "no" }],
      ["assess.$assessmentId.score", "loader", score.loader!, undefined],
      ["assess.$assessmentId.score", "action", score.action!, { ...scoreForm, intent: "submit" }],
    ] as const) {
      const { response, changed } = await callAs(route, kind, "assessorConflicted", handler, params, form);
      expect(response.status, `${route} ${kind}`).toBe(404);
      expect(changed, `${route} ${kind} changed the database`).toBe(false);
    }
    for (const attachmentId of [world.a.attachmentId, world.a.draftAttachmentId]) {
      const { response } = await callAs("attachments.$attachmentId", "loader", "assessorConflicted", download.loader!, { attachmentId: String(attachmentId) });
      expect(response.status).toBe(404);
    }
  });

  it("and an assigned assessor still cannot download the documents of a draft, nor of another bid", async () => {
    const download = await load("attachments.$attachmentId");
    for (const attachmentId of [world.a.draftAttachmentId, world.b.attachmentId]) {
      const { response } = await callAs("attachments.$attachmentId", "loader", "assessorAssigned", download.loader!, { attachmentId: String(attachmentId) });
      expect(response.status).toBe(404);
    }
  });
});

describe("a draft bid", () => {
  it("is the applicant's alone: the officer's pages about a bid answer 404 for it, and change nothing", async () => {
    for (const route of ["officer.bids.$bidId._index", "officer.bids.$bidId.decision", "officer.bids.$bidId.moderate"]) {
      const mod = await load(route);
      for (const kind of KINDS) {
        const handler = mod[kind];
        if (!handler) continue;
        for (const caller of ["officer", "admin"] as const) {
          const { response, changed } = await callAs(route, kind, caller, handler, { bidId: String(world.a.draftBidId) }, kind === "action" ? formFor(route, world) : undefined);
          expect(response.status, `${route} ${kind} as ${caller}`).toBe(404);
          expect(changed).toBe(false);
        }
      }
    }
  });
});

describe("the matrix", () => {
  it("covers every handler for all nine callers, and names every param the routes use", () => {
    const cells = routeFiles.reduce((n, r) => n + KINDS.filter((k) => MATRIX[r]?.[k]).length * CALLERS.length, 0);
    expect(cells).toBeGreaterThanOrEqual(routeFiles.length * CALLERS.length);
    for (const route of routeFiles) for (const name of paramNames(route)) expect(paramsFor(route, world)[name], `${route} $${name}`).toBeTruthy();
  });
});
