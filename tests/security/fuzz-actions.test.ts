/**
 * Property-based fuzzing of every action, through the real HTTP edge and the production build.
 *
 * Every route file in app/routes that exports an action is found by reading the folder, so a new
 * action is fuzzed without touching this file. For each, the fuzzer signs in as the person the page
 * is for (the first of applicant A, the assigned assessor, grants officer, finance, admin and a
 * signed-out visitor whose page shows a form posting to it), reads the forms on the page (inputs,
 * radios, selects, checkboxes, text areas and buttons with their values), and posts them back with
 * hostile values (fuzz-arbitraries.ts). Each post starts from the same database: the world of
 * tests/security/world.ts, put back after any post that changed it.
 *
 * What must hold for every post:
 * - no 5xx and nothing logged as an error;
 * - a refusal is a clear message: 400/422 pages carry a GOV.UK error summary with at least one
 *   message (a tampered post, which no browser can send, may instead get the "bad request" error
 *   page); posted as Remix's own fetch does (`?_data`, a third of the posts) the answer's `errors`
 *   are not empty; the edge's own refusals (411, 413, 415) say why in words;
 * - redirects stay on this site, and nothing posted comes back as live markup;
 * - afterwards the whole database satisfies every rule in invariants.ts.
 *
 * FUZZ_RUNS sets the runs per form target (default 40), FUZZ_SEED the seed (printed with any failure,
 * and at the start, so a failure can be replayed: FUZZ_SEED=... npx vitest run ... -t "<route>").
 *
 * How deep each action is reached, and why some less than others. The run prints, per target, the
 * caller, how many forms it found and every answer it got; "posted by hand" marks a route whose
 * page showed no form for the world's state, whose fields then come from world.formFor and the
 * names its source reads (its refusals are fuzzed; its success path, which the state rules out,
 * is not).
 *
 * | action | what limits the fuzzing |
 * | --- | --- |
 * | logout | takes no fields: only the body's shape (types, extra and repeated fields) is fuzzed |
 * | login_.two-factor, account_.two-factor.turn-off | need a session waiting for its code, or an authenticator already set up, which no world caller has: only the guard's answer is fuzzed |
 * | account_.two-factor._index, account_.two-factor.recovery-codes | need a current authenticator code, which no random value is: only refusals are reached |
 * | session.keep-alive | posted by the page's script, not a form: its fields are read from its source |
 * | applications.$bidId.documents | file parts get small random bytes and hostile names here; sizes, types and names of uploads are proven in uploads.test.ts |
 * | reset-password.$token, invitations.$token, join.$token | fuzzed with a real, unused token made for this file, so the forms behind the token are reached |
 * | awards.$awardId.accept, awards.$awardId.returns.$kind (interim), finance.awards.$awardId, finance.repayments.$awardId, officer.bids.$bidId.moderate, officer.assessments.$assessmentId.reopen, officer.awards.$awardId.close, officer.rounds.$roundId.release, officer.rounds.$roundId.decisions, manage.plans.$planId, assess.$assessmentId._index, applications._index | the world's state shows no form (offer accepted, interim return sent, payments waiting for bank details to be confirmed, nothing due back, nothing to moderate, reopen, close, decide or release, plan in use, conflict declared, a bid already started): posted by hand |
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath, getDb, getSqlite } from "#db/client";
import { users } from "#db/schema";
import { SECTIONS } from "~/domain/bids/sections";
import { createInvitation } from "~/models/invitation.server";
import { inviteMember } from "~/models/organisation-member.server";
import { createPasswordReset } from "~/models/password-reset.server";
import { TEST_PASSWORD } from "../factories/accounts";
import { takeConsoleErrors } from "../setup/fail-on-console-error";
import { useHttpServer } from "../setup/http";
import { submission, XSS_MARKER, type FieldKind, type FormField, type PageForm, type Submission } from "./fuzz-arbitraries";
import { domainViolations } from "./invariants";
import { buildWorld, formFor, paramsFor, snapshotWorld, urlFor, type Caller, type World } from "./world";

/**
 * Thousands of commits happen here (every signed-in request records activity; every post that
 * changed something is put back), and with synchronous=FULL each waits for the disk. On tmpfs,
 * where that wait is nothing, the same SQLite with the same settings runs several times faster;
 * durability itself is the reliability suite's subject.
 */
const fastDir = fs.existsSync("/dev/shm") ? fs.mkdtempSync("/dev/shm/portal-fuzz-") : undefined;
if (fastDir) {
  process.env.DATABASE_PATH = path.join(fastDir, "portal.db");
  process.env.UPLOAD_DIR = path.join(fastDir, "uploads");
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
// A fixed seed by default, so `npm test` (and CI) is the same run every time; FUZZ_SEED=random
// explores new inputs, and any seed it prints on failure replays exactly.
const DEFAULT_SEED = 48948103;
const SEED = process.env.FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const server = useHttpServer();

// ---- Which routes have actions ----

const routesDir = path.resolve("app/routes");
const ACTION_EXPORT = /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}/;
const routeFiles = fs.readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));
const ACTION_ROUTES = routeFiles.filter((f) => ACTION_EXPORT.test(fs.readFileSync(path.join(routesDir, f), "utf8"))).map((f) => f.replace(/\.tsx?$/, ""));

/**
 * Params whose every value gets its own fuzzing: each bid page, each kind of return, and each of
 * the world's rounds (open for bids, under assessment, decided and released), as [value, label].
 */
function paramVariants(): Record<string, [string, string][]> {
  return {
    section: SECTIONS.map((s) => [s.key, s.key]),
    kind: [
      ["interim", "interim"],
      ["final", "final"],
    ],
    roundId: [
      [String(world.openRoundId), "open"],
      [String(world.assessmentRoundId), "under assessment"],
      [String(world.a.awardRoundId), "released"],
    ],
  };
}

/** Who is tried first as "the person the page is for". */
const CALLER_ORDER: Caller[] = ["applicantA", "assessorAssigned", "officer", "finance", "admin", "anonymous"];

// ---- Pages and their forms ----

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

function attributes(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of text.matchAll(/([^\s=/"]+)(?:="([^"]*)")?/g)) found[m[1].toLowerCase()] = decode(m[2] ?? "");
  return found;
}

/** Every POST form on a page, with its fields as a browser would submit them. */
function parseForms(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1]);
    if ((attrs.method ?? "get").toLowerCase() !== "post") continue;
    const target = new URL(attrs.action || pageUrl, `http://x${pageUrl}`);
    const fields = new Map<string, FormField>();
    const field = (name: string, kind: FieldKind) => {
      let f = fields.get(name);
      if (!f) fields.set(name, (f = { name, kind, options: [], value: "" }));
      return f;
    };
    let select: FormField | undefined;
    const body = match[2];
    for (const tag of body.matchAll(/<(input|select|\/select|option|textarea|button)\b([^>]*)>/gi)) {
      const name = tag[1].toLowerCase();
      const a = attributes(tag[2]);
      if (name === "/select") select = undefined;
      else if (name === "option") {
        if (!select) continue;
        select.options.push(a.value ?? "");
        if ("selected" in a) select.value = a.value ?? "";
      } else if (!a.name) continue;
      else if (name === "select") {
        select = field(a.name, "select");
      } else if (name === "textarea") {
        const end = body.indexOf("</textarea>", tag.index!);
        field(a.name, "textarea").value = decode(body.slice(tag.index! + tag[0].length, end)).replace(/^\n/, "");
      } else if (name === "button" || (name === "input" && a.type === "submit")) {
        if ((a.type ?? "submit") === "submit") field(a.name, "button").options.push(a.value ?? "");
      } else {
        const type = (a.type ?? "text").toLowerCase();
        if (type === "radio" || type === "checkbox") {
          const f = field(a.name, type);
          f.options.push(a.value ?? "on");
          if ("checked" in a) f.value = a.value ?? "on";
        } else if (type === "hidden") field(a.name, "hidden").value = a.value ?? "";
        else if (type === "file") field(a.name, "file");
        else {
          const f = field(a.name, type === "password" || type === "email" || type === "number" ? type : "text");
          f.value = a.value ?? "";
        }
      }
    }
    forms.push({ path: `${target.pathname}${target.search}`, enctype: attrs.enctype === "multipart/form-data" ? "multipart" : "urlencoded", fields: [...fields.values()], seen: true });
  }
  return forms;
}

/** Names the route's source reads or renders, for a route whose form no page showed us. */
function namesInSource(route: string): string[] {
  const file = routeFiles.find((f) => f.replace(/\.tsx?$/, "") === route)!;
  const source = fs.readFileSync(path.join(routesDir, file), "utf8");
  const names = new Set<string>();
  for (const m of source.matchAll(/\bname="([^"{}]+)"|\.get(?:All)?\("([^"]+)"\)/g)) names.add(m[1] ?? m[2]);
  return [...names];
}

/** Links from a page to the same path with a query string, at most a few. */
function sameRouteLinks(html: string, here: string): string[] {
  const links = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/gi)) {
    const href = decode(m[1]);
    if (href.includes("?") && !href.startsWith("//") && href.startsWith("/") && pathOf(href) === here) links.add(href);
  }
  return [...links].slice(0, 6);
}

const pathOf = (url: string) => decodeURIComponent(new URL(url, "http://x").pathname).replace(/\/$/, "") || "/";

// ---- The database: put back to the world after every post that changed it ----

let snapshot: string;

const dataVersion = () => getSqlite().pragma("data_version", { simple: true }) as number;

/**
 * Counts writes to every table but sessions (which any signed-in request touches, to record
 * activity), so the rules are checked only after a post that changed something else. The triggers
 * live in the test's database only, and SQLite's changes() ignores what triggers do.
 */
function watchChanges(): void {
  const sqlite = getSqlite();
  sqlite.exec("CREATE TABLE fuzz_changes (n INTEGER NOT NULL); INSERT INTO fuzz_changes VALUES (0);");
  const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('fuzz_changes', 'sessions', '__drizzle_migrations')").pluck().all() as string[]);
  for (const name of names) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) sqlite.exec(`CREATE TRIGGER "fuzz_${op}_${name}" AFTER ${op} ON "${name}" BEGIN UPDATE fuzz_changes SET n = n + 1; END;`);
  }
}

const changeCount = () => getSqlite().prepare("SELECT n FROM fuzz_changes").pluck().get() as number;

/** Copies the world back with SQLite's backup API, which the server's own connection sees at once. */
async function restoreWorld(): Promise<void> {
  const source = new Database(snapshot, { readonly: true });
  try {
    await source.backup(databasePath());
  } finally {
    source.close();
  }
}

// ---- Posting ----

/** The production build names the session cookie with its production `__Host-` prefix. */
const asBuildCookie = (cookie: string) => cookie.replace(/^portal_session=/, "__Host-portal_session=");

async function bodyFor(sub: Submission): Promise<{ body: Buffer; type?: string }> {
  switch (sub.body) {
    case "urlencoded":
      return { body: Buffer.from(new URLSearchParams(sub.entries).toString()), type: "application/x-www-form-urlencoded" };
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of sub.entries) form.append(k, v);
      for (const f of sub.files) form.append(f.name, new File([new Uint8Array(f.bytes)], f.filename));
      // The encoding a browser would use, boundary and all.
      const encoded = new Response(form);
      return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get("Content-Type")! };
    }
    case "text/plain":
      return { body: Buffer.from(sub.entries.map(([k, v]) => `${k}=${v}`).join("\r\n")), type: "text/plain" };
    case "json":
      return { body: Buffer.from(JSON.stringify(Object.fromEntries(sub.entries))), type: "application/json" };
    case "none":
      return { body: Buffer.alloc(0) };
  }
}

type Answer = { status: number; location: string | null; type: string; text: string; remix: Record<string, string> };

/**
 * One request on its own connection (no keep-alive), so a connection the server closes after
 * refusing one post can never take the next post down with it.
 */
function request(method: "GET" | "POST", url: string, cookie: string, body?: { body: Buffer; type?: string }): Promise<Answer> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Connection: "close" };
    if (cookie) headers.Cookie = asBuildCookie(cookie);
    if (body) {
      headers["Content-Length"] = body.body.length;
      if (body.type) headers["Content-Type"] = body.type;
    }
    const req = http.request({ host: "127.0.0.1", port: Number(port), path: url, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          location: res.headers.location ?? (res.headers["x-remix-redirect"] as string | undefined) ?? null,
          type: res.headers["content-type"] ?? "",
          text: Buffer.concat(chunks).toString(),
          remix: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k.startsWith("x-remix-")).map(([k, v]) => [k, String(v)])),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body?.body);
  });
}

/** The address Remix's browser code posts to: the form's, asking for the route's data alone. */
function dataUrl(url: string, route: string): string {
  const target = new URL(url, "http://x");
  target.searchParams.set("_data", `routes/${route}`);
  return `${target.pathname}${target.search}`;
}

async function post(url: string, cookie: string, sub: Submission, route?: string): Promise<Answer | "cut off"> {
  const body = await bodyFor(sub);
  try {
    return await request("POST", sub.via === "data" && route ? dataUrl(url, route) : url, cookie, body);
  } catch (error) {
    // The edge answers an oversized form 413 and closes the connection while the body is still
    // going: the client may see the connection reset before it reads the answer.
    if (body.body.length > 2 * 1024 * 1024) return "cut off";
    throw error;
  }
}

/** The messages of a JSON answer's `errors`, joined; "" when it has none. */
function jsonErrors(text: string): string {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown }).errors;
    return errors && typeof errors === "object" ? Object.values(errors).map(String).join(" ") : "";
  } catch {
    return "";
  }
}

/** What a refused post shows: the error summary's messages, or the heading of an error page. */
function refusalMessages(html: string): { summary: string[]; heading: string } {
  const summary = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? "";
  return {
    summary: [...summary.matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((m) => decode(m[1]).trim()).filter(Boolean),
    heading: decode((html.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? "").replace(/<[^>]*>/g, "")).trim(),
  };
}

/** The headings of the app's error page (root.tsx's ErrorBoundary). */
const ERROR_PAGE_HEADINGS = ["Sorry, there is a problem with the service", "Page not found", "You do not have permission to see this page", "Too many requests"];

const REFLECTED_MARKUP = new RegExp(`<(script|img|svg|b)\\b[^>]*${XSS_MARKER}|href="javascript:${XSS_MARKER}`, "i");

const show = (sub: Submission) =>
  JSON.stringify({ ...sub, entries: sub.entries.map(([k, v]) => [k.slice(0, 60), v.length > 120 ? `${v.slice(0, 120)}… (${v.length} characters)` : v]), files: sub.files.map((f) => ({ ...f, bytes: f.bytes.length })) });

/** Everything that must be true of one post's answer; returns what was wrong, if anything. */
function problemsWith(answer: Answer | "cut off", sub: Submission): string[] {
  const problems: string[] = [];
  const logged = takeConsoleErrors();
  if (logged.length > 0) problems.push(`logged an error: ${logged.join(" | ").slice(0, 1500)}`);
  if (answer === "cut off") return problems;
  const { status, location, type, text } = answer;
  if (status >= 500) problems.push(`answered ${status}: ${text.slice(0, 300)}`);
  if (((status >= 300 && status < 400) || answer.remix["x-remix-redirect"]) && !/^\/(?![/\\])/.test(location ?? "")) problems.push(`redirected off the site: ${location}`);
  if (type.includes("text/html") && REFLECTED_MARKUP.test(text)) problems.push(`reflected posted markup unescaped: ${text.match(REFLECTED_MARKUP)![0]}`);
  if ((status === 400 || status === 422) && !type.includes("text/html")) {
    // Remix's fetch, a download or another resource route: the refusal is the body, as the
    // action's errors (shown by the page in the browser), or in words.
    const words = type.includes("json") ? jsonErrors(text) : text;
    if (words.trim() === "") problems.push(`refused (${status}) with no ${type.includes("json") ? "errors" : "words"}: ${text.slice(0, 200)}`);
    // A thrown refusal (X-Remix-Catch) is what the "bad request" page shows; a browser's post never meets it.
    if (sub.mode === "typed" && answer.remix["x-remix-catch"]) problems.push(`refused (${status}) a browser's post without an error summary: ${text.slice(0, 200)}`);
  } else if (status === 400 || status === 422) {
    const { summary, heading } = refusalMessages(text);
    // A hand-made post may instead meet the "bad request" error page, which no browser would see.
    const errorPage = sub.mode === "tampered" && ERROR_PAGE_HEADINGS.includes(heading);
    if (summary.length === 0 && !errorPage) problems.push(`refused (${status}) without ${sub.mode === "typed" ? "an error summary" : "an error summary or error page"} (heading "${heading}"): ${text.slice(0, 200)}`);
  }
  if (status >= 400 && status < 500 && ![400, 422].includes(status) && type.includes("text/html")) {
    // A page that refuses (403, 404, 409, 413, 429 ...) says what happened, in its heading at least.
    const { summary, heading } = refusalMessages(text);
    if (summary.length === 0 && heading === "") problems.push(`refused (${status}) with a page that says nothing: ${text.slice(0, 200)}`);
  }
  if ([411, 413, 415].includes(status) && !/^text\/(plain|html)/.test(type)) problems.push(`the edge refused (${status}) without words`);
  if ([411, 413, 415].includes(status) && text.trim() === "") problems.push(`the edge refused (${status}) with an empty page`);
  return problems;
}

// ---- The world, its forms and callers ----

let world: World;
type Target = { route: string; label: string; url: string; caller: Caller; forms: PageForm[]; baseline: Record<string, string | string[]> };
const targets = new Map<string, Target[]>();
const tally = new Map<string, Map<string, number>>();

async function getPage(url: string, caller: Caller) {
  const answer = await request("GET", url, world.cookies[caller]);
  return { status: answer.status, html: answer.text, type: answer.type };
}

/** Real, unused tokens for the pages behind an e-mailed link, so their forms are reached. */
function realTokens(): Record<string, string> {
  const email = getDb().select({ email: users.email }).from(users).where(eq(users.id, world.users.applicantA)).get()!.email;
  return {
    "reset-password.$token": createPasswordReset(email, new Date())!.token,
    "invitations.$token": createInvitation(world.users.admin, { name: "Fuzz Invitee", email: "fuzz.invitee@example.org", role: "assessor" }, new Date()),
    "join.$token": inviteMember(world.a.organisationId, world.a.applicantId, "fuzz.member@example.org", new Date()),
  };
}

function variantsOf(route: string, tokens: Record<string, string>): { label: string; params: Record<string, string> }[] {
  const params = paramsFor(route, world);
  if (params.token && tokens[route]) params.token = tokens[route];
  let variants = [{ label: route, params }];
  for (const [name, values] of Object.entries(paramVariants())) {
    if (!(name in params)) continue;
    variants = variants.flatMap((v) => values.map(([value, what]) => ({ label: `${v.label} (${name}: ${what})`, params: { ...v.params, [name]: value } })));
  }
  return variants;
}

function baselineFor(route: string): Record<string, string | string[]> {
  let form: Record<string, string | string[]>;
  try {
    form = formFor(route, world);
  } catch {
    return {};
  }
  // The world's forms give a wrong current password on purpose; the fuzzer wants to get past it.
  return "currentPassword" in form ? { ...form, currentPassword: TEST_PASSWORD } : form;
}

/** The forms of the target, from its own page, or any page seen, or (failing both) its world form and source. */
async function discover(route: string, label: string, url: string, pool: PageForm[]): Promise<Target> {
  const baseline = baselineFor(route);
  const here = pathOf(url);
  for (const caller of CALLER_ORDER) {
    const page = await getPage(url, caller);
    if (page.status !== 200) continue;
    const all = parseForms(page.html, url);
    // Some forms sit behind a link to the same page with a question, like ?kind=dates.
    for (const link of sameRouteLinks(page.html, here)) {
      const linked = await getPage(link, caller);
      if (linked.status === 200) all.push(...parseForms(linked.html, link));
    }
    pool.push(...all);
    const forms = all.filter((f) => pathOf(f.path) === here);
    if (forms.length > 0) return { route, label, url, caller, forms: unique(forms), baseline };
  }
  if (!pool.some((f) => pathOf(f.path) === here)) await crawlOtherPages(pool);
  const seen = pool.filter((f) => pathOf(f.path) === here);
  const caller = await firstCallerLetIn(route, url, baseline);
  if (seen.length > 0) return { route, label, url, caller, forms: unique(seen), baseline };
  const names = new Set([...Object.keys(baseline), ...namesInSource(route)]);
  const fields: FormField[] = [...names].map((name) => ({ name, kind: "text", options: [], value: String([baseline[name]].flat()[0] ?? "") }));
  return { route, label, url, caller, forms: [{ path: /_index$/.test(route) ? `${url}?index` : url, enctype: "urlencoded", fields, seen: false }], baseline };
}

let crawled = false;

/**
 * Some forms live on pages without an action of their own (starting a bid sits on the round's
 * page): once, every other page is read as the first caller it opens for, and its forms kept.
 */
async function crawlOtherPages(pool: PageForm[]): Promise<void> {
  if (crawled) return;
  crawled = true;
  for (const file of routeFiles) {
    const route = file.replace(/\.tsx?$/, "");
    // Downloads (route files like x[.csv]) hold no forms.
    if (ACTION_ROUTES.includes(route) || route.includes("[")) continue;
    let url: string;
    try {
      url = urlFor(route, paramsFor(route, world));
    } catch {
      continue;
    }
    for (const caller of CALLER_ORDER) {
      const page = await getPage(url, caller);
      if (page.status !== 200 || !page.type.includes("text/html")) continue;
      pool.push(...parseForms(page.html, url));
      // And the pages it links to, one step on, as the same person (a round listed, say).
      for (const link of pageLinks(page.html).filter((l) => !visited.has(l)).slice(0, 20)) {
        visited.add(link);
        const linked = await getPage(link, caller);
        if (linked.status === 200 && linked.type.includes("text/html")) pool.push(...parseForms(linked.html, link));
      }
      break;
    }
  }
}

const visited = new Set<string>();

/** Same-site page links, leaving out downloads (a path ending in an extension). */
function pageLinks(html: string): string[] {
  const links = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref="(\/[^"/][^"]*)"/gi)) {
    const href = decode(m[1]).split("#")[0];
    if (!/\.[a-z0-9]+$/i.test(new URL(href, "http://x").pathname)) links.add(href);
  }
  return [...links];
}

/** The first caller whose post is not turned away by the guard (the database is put back after). */
async function firstCallerLetIn(route: string, url: string, baseline: Record<string, string | string[]>): Promise<Caller> {
  const target = /_index$/.test(route) ? `${url}?index` : url;
  for (const caller of CALLER_ORDER) {
    const answer = await post(target, world.cookies[caller], { mode: "tampered", via: "document", form: 0, body: "urlencoded", entries: Object.entries(baseline).flatMap(([k, v]) => [v].flat().map((x): [string, string] => [k, x])), files: [] });
    await restoreWorld();
    if (answer === "cut off" || [403, 404, 405].includes(answer.status)) continue;
    if (answer.location && /^\/(login|account\/two-factor)/.test(answer.location)) continue;
    return caller;
  }
  return "anonymous";
}

function unique(forms: PageForm[]): PageForm[] {
  const seen = new Map<string, PageForm>();
  for (const f of forms) seen.set(JSON.stringify([f.path, f.enctype, f.fields.map((x) => [x.name, x.kind, x.kind === "hidden" ? x.value : ""])]), f);
  return [...seen.values()];
}

beforeAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`fuzz-actions: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
  world = await buildWorld();
  const tokens = realTokens();
  watchChanges();
  snapshot = snapshotWorld();
  const pool: PageForm[] = [];
  for (const route of ACTION_ROUTES) {
    const list: Target[] = [];
    for (const { label, params } of variantsOf(route, tokens)) list.push(await discover(route, label, urlFor(route, params), pool));
    targets.set(route, list);
  }
  await restoreWorld();
}, 300_000);

afterAll(() => {
  const lines = [...tally].map(([label, counts]) => `${label}: ${[...counts].map(([k, n]) => `${k}×${n}`).join(" ")}`);
  // eslint-disable-next-line no-console
  console.log(`fuzz-actions: answers per target (seed ${SEED})\n${lines.join("\n")}`);
  fs.rmSync(snapshot, { force: true });
  if (fastDir) fs.rmSync(fastDir, { recursive: true, force: true });
});

describe("the fuzzer's map of the app", () => {
  it("finds every action: the routes whose source exports one are exactly those whose module does", async () => {
    for (const file of routeFiles) {
      const route = file.replace(/\.tsx?$/, "");
      const mod = await import(/* @vite-ignore */ path.join(routesDir, file));
      expect(typeof mod.action === "function", route).toBe(ACTION_ROUTES.includes(route));
    }
    expect(ACTION_ROUTES.length).toBeGreaterThan(40);
  });

  it("starts from a world that satisfies every rule", () => {
    expect(domainViolations()).toEqual([]);
  });
});

/** Posts the fuzzer once found to break a rule or refuse silently, kept as plain examples. */
describe("posts the fuzzer found wanting, now answered properly", () => {
  const form = (entries: [string, string][]) => ({ body: Buffer.from(new URLSearchParams(entries).toString()), type: "application/x-www-form-urlencoded" });

  it("a note of NUL and control characters to a return's review is stored without them", async () => {
    try {
      const answer = await request("POST", `/officer/returns/${world.a.returnId}`, world.cookies.officer, form([["decision", "accept"], ["note", "Fine\u0000\u0000 by\u0007 me\u001b"]]));
      expect(answer.status).toBe(302);
      const note = getSqlite().prepare("SELECT review_note FROM monitoring_returns WHERE id = ?").pluck().get(world.a.returnId);
      expect(note).toBe("Fine by me");
      expect(domainViolations()).toEqual([]);
    } finally {
      await restoreWorld();
    }
  });

  it("a tag form with an unknown intent and a repeated name is refused with an error summary, not silently", async () => {
    const answer = await request("POST", "/manage/tags", world.cookies.officer, form([["intent", "rename🏴"], ["name", "One"], ["name", "Two"]]));
    expect(answer.status).toBe(400);
    expect(refusalMessages(answer.text).summary.length).toBeGreaterThan(0);
  });

  it("a change to a grant with no kind of change chosen is refused with an error summary, not silently", async () => {
    const answer = await request("POST", `/awards/${world.a.awardId}/variations?kind=budget`, world.cookies.applicantA, form([["reason", "More time"]]));
    expect(answer.status).toBe(400);
    expect(refusalMessages(answer.text).summary).toEqual(["Choose what you want to change"]);
  });

  /** The edit form for one of the world's rounds, as valid as the world's own round form. */
  function roundForm(roundId: number, changes: Record<string, string>): [string, string][] {
    const round = getSqlite().prepare("SELECT fund_id, plan_id, slug, code FROM rounds WHERE id = ?").get(roundId) as { fund_id: number; plan_id: number; slug: string; code: string };
    const base = formFor("manage.rounds.$roundId", world) as Record<string, string>;
    return Object.entries({ ...base, fundId: String(round.fund_id), planId: String(round.plan_id), slug: round.slug, code: round.code, ...changes });
  }

  it("a released round's budget and maximum award cannot be cut below what it has funded and been asked for", async () => {
    try {
      const answer = await request("POST", `/manage/rounds/${world.a.awardRoundId}`, world.cookies.officer, form(roundForm(world.a.awardRoundId, { budget: "1.00", maxAward: "1.00" })));
      expect(answer.status).toBe(400);
      expect(refusalMessages(answer.text).summary).toEqual(["The round budget must be at least £14,000.00, the total already decided for funded bids"]);
      const smallerMax = await request("POST", `/manage/rounds/${world.a.awardRoundId}`, world.cookies.officer, form(roundForm(world.a.awardRoundId, { maxAward: "7,999.99" })));
      expect(refusalMessages(smallerMax.text).summary).toEqual(["The maximum award must be at least £8,000.00, the most a submitted bid asks for"]);
      expect(domainViolations()).toEqual([]);
    } finally {
      await restoreWorld();
    }
  });

  it("a round's criteria stay as they are once scored against (changing them was a 500), and the rest can still change", async () => {
    try {
      const sqlite = getSqlite();
      const criterion = sqlite.prepare("SELECT id FROM round_criteria WHERE round_id = ? ORDER BY position LIMIT 1").pluck().get(world.assessmentRoundId);
      sqlite.prepare("INSERT INTO assessment_scores (assessment_id, criterion_id, score, comment) VALUES (?, ?, 3, 'Sound')").run(world.a.assessmentId, criterion);
      const changed = await request("POST", `/manage/rounds/${world.assessmentRoundId}`, world.cookies.officer, form(roundForm(world.assessmentRoundId, { "criteria.0.name": "Something else" })));
      expect(changed.status).toBe(400);
      expect(refusalMessages(changed.text).summary).toEqual(["The scoring criteria cannot change now that assessors have scored bids against them"]);
      const renamed = await request("POST", `/manage/rounds/${world.assessmentRoundId}`, world.cookies.officer, form(roundForm(world.assessmentRoundId, { name: "Assessment round, renamed" })));
      expect(renamed.status).toBe(302);
      expect(sqlite.prepare("SELECT count(*) FROM assessment_scores WHERE criterion_id = ?").pluck().get(criterion)).toBe(1);
      expect(takeConsoleErrors()).toEqual([]);
      expect(domainViolations()).toEqual([]);
    } finally {
      await restoreWorld();
    }
  });

  it("a body that is not a web form is refused at the edge with 415, not a 500 from the action", async () => {
    const answer = await request("POST", "/manage/tags", world.cookies.officer, { body: Buffer.from('{"intent":"add","name":"X"}'), type: "application/json" });
    expect(answer.status).toBe(415);
    expect(takeConsoleErrors()).toEqual([]);
  });
});

describe.each(ACTION_ROUTES)("%s", (route) => {
  it("answers hostile posts with no server error, a clear refusal and a database that keeps every rule", async () => {
    for (const target of targets.get(route)!) {
      const counts = new Map<string, number>();
      const started = Date.now();
      const spent = { post: 0, rules: 0, restore: 0 };
      const shown = target.forms.every((f) => f.seen) ? `${target.forms.length} form${target.forms.length === 1 ? "" : "s"}` : "no form on its page for this world: posted by hand";
      tally.set(`${target.label} as ${target.caller} (${shown})`, counts);
      const cookie = world.cookies[target.caller];
      await fc.assert(
        fc.asyncProperty(submission(target.forms, target.baseline), async (sub) => {
          const before = dataVersion();
          const changesBefore = changeCount();
          try {
            const posting = performance.now();
            const answer = await post(target.forms[sub.form].path, cookie, sub, target.route);
            spent.post += performance.now() - posting;
            const key = answer === "cut off" ? answer : `${sub.via === "data" ? "data " : ""}${answer.status}${answer.location ? `→${answer.location.split("?")[0].replace(/\d+/g, "n")}` : ""}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
            const problems = problemsWith(answer, sub);
            const checking = performance.now();
            if (changeCount() !== changesBefore) problems.push(...domainViolations().map((v) => `broke a rule: ${v}`));
            spent.rules += performance.now() - checking;
            if (problems.length > 0) throw new Error(`${target.label} as ${target.caller}, seed ${SEED}:\n${problems.join("\n")}\nposted: ${show(sub)}`);
          } finally {
            const restoring = performance.now();
            if (dataVersion() !== before) await restoreWorld();
            spent.restore += performance.now() - restoring;
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      counts.set(`${Date.now() - started}ms (posting ${Math.round(spent.post)}, rules ${Math.round(spent.rules)}, restoring ${Math.round(spent.restore)})`, 0);
    }
  });
});
