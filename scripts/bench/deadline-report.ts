/** The deadline-day section of docs/benchmarks.md, and its targets, from one run's figures. */
import { PAGES, RAW, RUSH, type DeadlineDay } from "./deadline-day";
import type { Percentiles } from "./stats";

export type Target = { text: string; met: boolean; detail: string };

export const RUSH_RATIO_TARGET = 0.5;
export const RUSH_P99_TARGET_MS = 1_000;
export const PAGE_RATIO_TARGET = 0.2;

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d }) : "–");
const ms = (n: number) => f(n, n < 100 ? 1 : 0);
const pct = (n: number) => `${f(n * 100, n < 0.1 ? 2 : 1)} %`;

/** Everything that proves the rush lost and duplicated nothing. */
export function rushClean(d: DeadlineDay): boolean {
  const c = d.check;
  return (
    !d.rush.stoppedEarly &&
    d.rush.errors === 0 &&
    d.rush.timeouts === 0 &&
    d.rush.wrong.length === 0 &&
    c.submitted === RUSH.applicants &&
    c.bidsInRound === RUSH.applicants &&
    c.distinctReferences === RUSH.applicants &&
    c.sequencesContiguous &&
    c.auditMismatches === 0 &&
    c.missingLastPage === 0 &&
    c.missingRows === 0 &&
    c.integrity === "ok"
  );
}

export function writesDuringRush(d: DeadlineDay): number {
  return Object.values(d.check.auditSince).reduce((a, b) => a + b, 0) + d.check.sessionTouches;
}

export function deadlineTargets(d: DeadlineDay): Target[] {
  const p99 = d.rush.latency.all.p99;
  return [
    {
      text: `The rush: ${RUSH.applicants} applicants save and submit from ${RUSH.connections} connections with no error and nothing lost or duplicated`,
      met: rushClean(d),
      detail: `${d.check.submitted} of ${RUSH.applicants} submitted, ${d.check.distinctReferences} distinct references, ${d.rush.errors} errors, ${d.rush.timeouts} timeouts, ${d.rush.wrong.length} unexpected answers, integrity ${d.check.integrity}`,
    },
    {
      text: `The rush runs at no less than ${RUSH_RATIO_TARGET} of the raw committed-insert rate`,
      met: d.ratio >= RUSH_RATIO_TARGET,
      detail: `${f(d.submissionsPerSecond)} submissions/s against ${f(d.rawLimit, 0)} commits/s: ${f(d.ratio, 4)}`,
    },
    { text: `The rush's p99 latency is under ${RUSH_P99_TARGET_MS / 1000} s`, met: p99 < RUSH_P99_TARGET_MS, detail: `p99 ${ms(p99)} ms over all ${d.rush.latency.all.n} requests` },
    ...d.pages.map((p) => ({
      text: `${p.name} serves no less than ${PAGE_RATIO_TARGET} of a bare node:http server's rate`,
      met: p.ratio >= PAGE_RATIO_TARGET && p.app.ok === p.app.responses,
      detail: `${f(p.app.reqPerSec, 0)} req/s against ${f(p.bare.reqPerSec, 0)} req/s: ${f(p.ratio, 3)}`,
    })),
  ];
}

function latencyRow(name: string, l: Percentiles) {
  return `| ${name} | ${l.n} | ${ms(l.min)} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} |`;
}

export function deadlineLines(d: DeadlineDay): string[] {
  const r = d.rush;
  const c = d.check;
  const writes = writesDuringRush(d);
  const perSubmission = writes / Math.max(1, c.submitted);
  const statuses = Object.entries(r.statusCounts)
    .map(([code, n]) => `${n} × ${code}`)
    .join(", ");
  const closesIn = (r.closesAt.getTime() - r.startedAt.getTime()) / 1000;
  const finishedBefore = (r.closesAt.getTime() - r.finishedAt.getTime()) / 1000;
  return [
    "### Deadline day",
    "",
    `Measured in the same run, on the same data set, after the reports above (scripts/bench/deadline-day.ts). The data set then gains a round that closes ${RUSH.closesInS} s after the set-up below ends, ${RUSH.applicants} applicants and ${d.assessments} assessments for the demo assessor (set up in ${f(d.setupMs / 1000)} s by scripts/bench/rush-setup.ts, through the portal's own model functions). The production server is restarted on it with the three public registers answered on loopback (scripts/bench/registers-stub.ts), so nothing leaves 127.0.0.1.`,
    "",
    "#### The rush",
    "",
    `Each of the ${RUSH.applicants} applicants has a complete organisation profile, the three documents and a draft with every page saved except the last (safeguarding and declarations), and a session from two minutes earlier. autocannon opens ${RUSH.connections} connections; each takes the next applicant, posts the last page's form (\`POST /applications/:bid/safeguarding\`) and then the submission (\`POST /applications/:bid/check\`), with the session cookie and this site's \`Origin\`, and moves on to the next applicant: ${RUSH.applicants / RUSH.connections} applicants per connection, ${RUSH.applicants * 2} requests in all. Redirects are not followed. The rush began ${f(closesIn, 0)} s before the round closed and ${finishedBefore >= 0 ? `ended ${f(finishedBefore, 0)} s before it` : `ran ${f(-finishedBefore, 0)} s past it (later submits are refused, as on the real day, and count as unexpected answers)`}.`,
    "",
    "| | |",
    "| --- | ---: |",
    `| Wall time, first request to last response | ${f(r.wallMs / 1000, 2)} s |`,
    `| Submissions per second | **${f(d.submissionsPerSecond)}** |`,
    `| Requests per second (save + submit) | ${f((r.latency.all.n / r.wallMs) * 1000)} |`,
    `| Responses | ${statuses} |`,
    `| Connection errors / timeouts | ${r.errors} / ${r.timeouts} |`,
    `| Answers other than the expected redirect (302 to the task list after a save, 302 to the confirmation after a submit) | ${r.wrong.length}${r.wrong.length ? `: ${r.wrong.slice(0, 5).join("; ")}` : ""} |`,
    `| Server CPU time during the rush | ${f(d.serverCpuS)} s (${f((d.serverCpuS * 1000) / RUSH.applicants)} ms per applicant, ${f((d.serverCpuS / (r.wallMs / 1000)) * 100, 0)} % of one core) |`,
    `| Register look-ups answered by the loopback stub | ${d.registerRequests} |`,
    "",
    "Latency, from sending a request to its whole response, in milliseconds:",
    "",
    "| Requests | n | min | p50 | p95 | p99 | max |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    latencyRow("All", r.latency.all),
    latencyRow("Save the last page", r.latency.save),
    latencyRow("Submit", r.latency.submit),
    "",
    "Read back from the database (read-only, beside the running server) after the rush:",
    "",
    "| Check | Result |",
    "| --- | --- |",
    `| Bids in the round / submitted | ${c.bidsInRound} / ${c.submitted} |`,
    `| Distinct references | ${c.distinctReferences} |`,
    `| Round sequence numbers exactly 1..${c.submitted}, no gap, no repeat | ${c.sequencesContiguous ? "yes" : "**no**"} |`,
    `| Bids without exactly one "bid.submitted" audit event | ${c.auditMismatches} |`,
    `| Submitted bids without the last page's answers frozen in them | ${c.missingLastPage} |`,
    `| Submitted bids without their report rows (priorities, districts, budget lines, outcomes) | ${c.missingRows} |`,
    `| Register checks stored for the round's organisations | ${c.registerChecks} (${Object.entries(c.registerStatuses)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ")}; "unavailable" means the loopback register did not answer within the portal's time-out, and the check is kept to be run again) |`,
    `| Receipts written to the outbox | ${c.receipts} |`,
    `| \`PRAGMA quick_check\` | ${c.integrity} |`,
    "",
    "#### Against the physical limit",
    "",
    `The raw rate is measured in the same run by scripts/bench/raw-insert-rate.ts: a scratch SQLite file in the same directory (same disk) as the portal's, opened by db/client.ts's \`openSqlite\` (WAL, synchronous=FULL, checked by \`assertDurability\`), one row of about ${d.raw[0]?.rowBytes ?? 0} bytes per \`BEGIN IMMEDIATE\` … \`COMMIT\`, for ${RAW.maxMs / 1000} s (at most ${RAW.maxRows.toLocaleString("en-GB")} rows), once before the set-up, with none of the benchmark's servers running, and once after the rush with the server idle. The higher is taken as the limit.`,
    "",
    "| Raw committed single-row inserts | rows | seconds | commits/s |",
    "| --- | ---: | ---: | ---: |",
    ...d.raw.map((x, i) => `| ${i === 0 ? "Before the set-up" : "After the rush"} | ${x.rows.toLocaleString("en-GB")} | ${f(x.ms / 1000, 2)} | ${f(x.commitsPerSecond, 0)} |`),
    "",
    `**Ratio: ${f(d.submissionsPerSecond)} submissions/s ÷ ${f(d.rawLimit, 0)} commits/s = ${f(d.ratio, 4)}** (target ≥ ${RUSH_RATIO_TARGET}).`,
    "",
    `How it is counted: a "submission" is one applicant's pair of requests, the save of the last page and the submit, counted when the submit answered with its redirect to the confirmation; the rate is submissions divided by the wall time of the whole rush. One submission is not one row. The database shows what the rush committed: ${Object.entries(c.auditSince)
      .map(([action, n]) => `${n} × ${action}`)
      .join(", ")} and ${c.sessionTouches} session activity write-backs, that is ${writes} write transactions, **${f(perSubmission, 2)} per submission**, each its own fsync: the session's activity (written back at most every 15 s, so once per applicant here), the saved page with its audit event, the submission (the bid frozen and numbered, its report rows and its audit event, in one transaction) and the register checks with their audit event after the commit. The receipt is a file in the outbox (no fsync). So even a server with no CPU cost at all would reach at most 1/${f(perSubmission, 0)} = ${f(1 / perSubmission, 2)} of the raw rate on this path; ${f((writes / (r.wallMs / 1000)), 0)} commits/s during the rush is ${pct(writes / (r.wallMs / 1000) / d.rawLimit)} of the raw commit rate.`,
    "",
    "#### Pages against a bare node:http server",
    "",
    `For each page: a bare \`node:http\` server in its own process (scripts/bench/bare-http.ts) answering every request with a byte-for-byte copy of that page, captured from the portal a moment before; then the portal's page itself. Both with ${PAGES.connections} keep-alive connections for ${PAGES.durationS} s after ${PAGES.warmupS} s of warm-up that is not counted, autocannon in the benchmark's process, no compression asked for. The public round page is the rush round's; the assessor's dashboard lists ${d.assessments} assessments across two rounds (a staff session that has passed the second factor).`,
    "",
    "| Page | Path | Size | Bare req/s | Bare p99 | Bare CPU per response | Portal req/s | Portal p50 | Portal p95 | Portal p99 | Portal CPU per response | Non-200 | Ratio | ≥ 0.2 |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...d.pages.map(
      (p) =>
        `| ${p.name} | \`${p.path}\` | ${f(p.bytes / 1024, 0)} KB | ${f(p.bare.reqPerSec, 0)} | ${ms(p.bare.latency.p99)} ms | ${f(p.bare.serverCpuMsPerResponse, 3)} ms | ${f(p.app.reqPerSec, 0)} | ${ms(p.app.latency.p50)} ms | ${ms(p.app.latency.p95)} ms | ${ms(p.app.latency.p99)} ms | ${f(p.app.serverCpuMsPerResponse, 2)} ms | ${p.app.responses - p.app.ok + p.app.errors} | ${f(p.ratio, 3)} | ${p.ratio >= PAGE_RATIO_TARGET ? "yes" : "no"} |`,
    ),
    "",
    "CPU per response is the server process's user + system time over the measured run (from /proc) divided by the responses; the time the load generator itself needs is not in it.",
    "",
    ...limitLines(d),
  ];
}

/** What the figures say limits the rush and the pages, computed from this run's own numbers. */
function limitLines(d: DeadlineDay): string[] {
  const r = d.rush;
  const writes = writesDuringRush(d);
  const perSubmission = writes / Math.max(1, d.check.submitted);
  const cpuMsPerApplicant = (d.serverCpuS * 1000) / RUSH.applicants;
  const cpuCeiling = 1000 / cpuMsPerApplicant;
  const requestsPerSecond = (r.latency.all.n / r.wallMs) * 1000;
  const busy = d.serverCpuS / (r.wallMs / 1000);
  const cpuPerRequest = cpuMsPerApplicant / 2;
  return [
    "#### What limits them",
    "",
    `- **Disk.** The rush commits ${f(perSubmission, 2)} write transactions per submission, each with its own fsync. If fsync were the only cost the rush could reach at most ${f(1 / perSubmission, 2)} of the raw rate; ${RUSH_RATIO_TARGET} would need every submission, save included, to cost no more than two raw commits.`,
    `- **CPU.** The server process used ${f(cpuMsPerApplicant)} ms of CPU per applicant (the two posts, the register checks and the receipt). One Node process can therefore finish at most ${f(cpuCeiling, 0)} submissions per second however fast the disk, which is ${f(cpuCeiling / d.rawLimit, 3)} of this disk's raw rate (${f(1000 / d.rawLimit, 2)} ms per commit). During the rush it was busy ${pct(busy)} of the time on one core: the rest it waited, on fsync or, on a busy machine, for a core.`,
    `- **Latency.** With ${RUSH.connections} connections each always waiting for an answer, the mean latency is ${RUSH.connections} ÷ requests per second (Little's law): ${RUSH.connections} ÷ ${f(requestsPerSecond)} = ${f(RUSH.connections / requestsPerSecond, 2)} s here. A p99 under 1 s needs well over ${RUSH.connections} requests per second, that is well under ${f(1000 / RUSH.connections, 0)} ms of server time per request; this run used ${f(cpuPerRequest)} ms of CPU per request on average, before any waiting on the disk.`,
    ...d.pages.map(
      (p) =>
        `- **${p.name}.** The bare server spends ${f(p.bare.serverCpuMsPerResponse, 3)} ms of CPU per response; the portal ${f(p.app.serverCpuMsPerResponse, 2)} ms (the HTTP edge's headers and checks, the session, Remix's routing, the loaders' queries, and React rendering the whole GOV.UK page), ${f(p.app.serverCpuMsPerResponse / p.bare.serverCpuMsPerResponse, 0)} times as much. A fifth of the bare rate would need about ${f(5 * p.bare.serverCpuMsPerResponse, 2)} ms per page.`,
    ),
    "",
    "What CPU profiles (`node --cpu-prof` on the production server under this benchmark's load, taken by hand on the same machine; not repeated by each run) showed, and what was changed:",
    "",
    "- A page render: React Router's route matching was about a third of the CPU of a round page. Remix's lazy route discovery matched every parent path of the URL (`/`, `/funds`, `/funds/…`, `/funds/…/rounds`) against all of the portal's routes on every render, to inline a partial route manifest. It is now off (remix.config.js): the browser loads the whole manifest once, as a fingerprinted, cached file of about 53 KB (under 5 KB compressed). In an A/B run by hand on the same data and build the round page's CPU per response fell from about 7.6 ms to 5.0 ms and each page lost 2 KB of inline manifest; a page at the root (`/`, `/assess`) gains little. What remains is spread thin: Node's HTTP and socket writes, garbage collection, the Remix runtime, React Router's own matching (still a few passes over every route per request), drizzle building each query and better-sqlite3 preparing it again, and React's render.",
    "- The rush: on an idle machine it is CPU-bound (the server busy nearly all the time on its one core). A profile of it split the CPU roughly as: SQLite a quarter (the commits, that is WAL writes, fsyncs and checkpoints, about 15 %, and compiling every statement afresh 6 %), drizzle building every query a fifth, Node's HTTP, streams and files 15 %, garbage collection 10 %, zod 7 to 8 %, route matching 7 %, the register look-ups 5 % and the receipt 2 %. On a machine busy with other work the fsyncs dominated instead (each one blocks the one Node thread). The submission's transaction read the round's vocabularies and the organisation's profile twice; it now reads them once (app/models/bid.server.ts), a small saving. Not changed, and worth weighing: drizzle's prepared queries (`.prepare()`) for the queries every request makes (the session, the bid, the round's vocabularies) would save most of the statement compiling; the session's activity write-back is a commit of its own on the first request after 15 s (folding it into the request's own transaction, or writing activity back in batches, would save one commit of four per submission); and the register checks are a commit of their own after the submission's.",
    "",
  ];
}
