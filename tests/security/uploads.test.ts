/**
 * Bid documents through the real HTTP edge, the way a hostile client would send them: bodies too
 * big to accept (announced, or streamed with no length), files that are not what they say, names
 * that try to leave storage, and what a download tells the browser.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_MESSAGES, MAX_DOCUMENT_BYTES } from "~/domain/attachments/rules";
import { listAttachmentsForBid } from "~/models/attachment.server";
import { findUserByEmail } from "~/models/user.server";
import { takeConsoleErrors } from "../setup/fail-on-console-error";
import { startBid } from "~/models/bid.server";
import { signedIn } from "../factories/accounts";
import { openRound } from "../factories/bids";
import { useHttpServer } from "../setup/http";

const TMP = path.dirname(process.env.DATABASE_PATH!);
const UPLOAD_DIR = path.join(TMP, "uploads");
process.env.UPLOAD_DIR = UPLOAD_DIR;

const server = useHttpServer();

// ---- Files ----

const pdf = () => Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, "ascii"), data])));
  return Buffer.concat([length, Buffer.from(type, "ascii"), data, crc]);
}

function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", zlib.deflateSync(Buffer.from([0, 0]))), pngChunk("IEND", Buffer.alloc(0))]);
}

/** A one-entry zip with a stored (uncompressed) file: what any .zip, .docx or .xlsx starts as. */
function zip(name: string, content: string): Buffer {
  const nameBytes = Buffer.from(name);
  const data = Buffer.from(content);
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(local.length + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

const windowsProgram = () => Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), Buffer.from([0x40, 0, 0, 0]), Buffer.from("PE\0\0"), Buffer.alloc(64)]);

// ---- Requests ----

const BOUNDARY = "----portal-test-boundary-7MA4YWxkTrZu0gW";

/**
 * A multipart body exactly as we choose to write it, name bytes and all: a browser's FormData
 * would tidy away the very characters these tests are about.
 */
function multipart(kind: string, file?: { name: string | Buffer; bytes: Buffer; type?: string }): Buffer {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const parts: Buffer[] = [Buffer.from(field("intent", "upload") + field("kind", kind))];
  if (file) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="`),
      typeof file.name === "string" ? Buffer.from(file.name, "utf8") : file.name,
      Buffer.from(`"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

async function post(bidId: number, cookie: string, kind: string, file?: { name: string | Buffer; bytes: Buffer; type?: string }) {
  return fetch(`${server.baseUrl}/applications/${bidId}/documents?kind=${kind}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: new Uint8Array(multipart(kind, file)),
    redirect: "manual",
  });
}

type RawResponse = { status: number; headers: Record<string, string>; body: string; bodyBytesSentBeforeAnswer: number; serverClosed: boolean };

function dechunk(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString(), 16);
    if (!size) break;
    out.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/**
 * Sends a request over a bare socket: `head` (request line and headers), then body chunks from
 * `nextChunk` for as long as it gives them and no answer has come. The body is never finished
 * unless `nextChunk` says so, so an answer at all proves the server did not wait for the rest.
 * Resolves when the server has answered and closed the connection.
 */
function rawRequest(head: string, nextChunk: (sent: number) => Buffer | "end" | undefined): Promise<RawResponse> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    const received: Buffer[] = [];
    let sent = 0;
    let sentWhenAnswered: number | undefined;
    let stopped = false;
    const pump = () => {
      while (!stopped && sentWhenAnswered === undefined) {
        const chunk = nextChunk(sent);
        if (chunk === undefined) return;
        if (chunk === "end") {
          stopped = true;
          socket.write("0\r\n\r\n");
          return;
        }
        sent += chunk.length;
        if (!socket.write(chunk)) return;
      }
    };
    socket.on("connect", () => {
      socket.write(head);
      pump();
    });
    socket.on("drain", pump);
    socket.on("data", (data) => {
      sentWhenAnswered ??= sent;
      received.push(data);
    });
    // A server that closes with body bytes still arriving may reset rather than end: the answer has
    // been read by then, which is what matters.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
    });
    socket.on("close", () => {
      stopped = true;
      const all = Buffer.concat(received);
      const split = all.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no answer came: ${all.toString()}`));
      const [statusLine, ...headerLines] = all.subarray(0, split).toString().split("\r\n");
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      const rest = all.subarray(split + 4);
      const body = (headers["transfer-encoding"] === "chunked" ? dechunk(rest) : rest).toString();
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body, bodyBytesSentBeforeAnswer: sentWhenAnswered ?? sent, serverClosed: true });
    });
  });
}

function requestHead(bidId: number, cookie: string, kind: string, lengthHeader: string) {
  return [
    `POST /applications/${bidId}/documents?kind=${kind} HTTP/1.1`,
    `Host: 127.0.0.1`,
    `Cookie: ${cookie}`,
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    lengthHeader,
    "",
    "",
  ].join("\r\n");
}

const fileStart = (kind: string, name: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );

const chunked = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);

// ---- What is on disk ----

/** Every file under the test's folder outside UPLOAD_DIR, with its size. */
function filesOutsideUploads(dir = TMP): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === UPLOAD_DIR) continue;
    if (entry.isDirectory()) found.push(...filesOutsideUploads(full));
    // The database's own files change size as it works; only their names matter here.
    else found.push(full);
  }
  return found.sort();
}

function incoming(): string[] {
  const dir = path.join(UPLOAD_DIR, ".incoming");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function kept(): string[] {
  return fs.existsSync(UPLOAD_DIR) ? fs.readdirSync(UPLOAD_DIR).filter((f) => f !== ".incoming") : [];
}

function errorSummaryOf(html: string): string[] {
  const summary = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? "";
  return [...summary.matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((m) => decodeEntities(m[1]));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

// ---- Callers ----

type Applicant = Awaited<ReturnType<typeof signedIn>> & { bidId: number };

/**
 * The production build was compiled with NODE_ENV=production, so inside it the session cookie has
 * its production name (`__Host-` prefixed); over plain loopback HTTP the server still reads it.
 */
const asBuildCookie = (cookie: string) => cookie.replace(/^portal_session=/, "__Host-portal_session=");

async function applicantWithBid(): Promise<Applicant> {
  const round = openRound();
  const person = await signedIn("applicant");
  const bidId = startBid({ userId: person.user.id, organisationId: person.user.organisationId!, roundId: round.id }, new Date());
  return { ...person, cookie: asBuildCookie(person.cookie), bidId };
}

let a: Applicant;

beforeAll(async () => {
  a = await applicantWithBid();
});

describe("an upload larger than the limit", () => {
  it("announced by its Content-Length is answered 413 with the page's message before the body is sent, and the connection is closed", async () => {
    const fiftyMegabytes = 50 * 1024 * 1024;
    const start = Buffer.concat([fileStart("accounts", "accounts.pdf"), Buffer.alloc(4096, 0x20)]);
    let given = false;
    // Only the first 4 KB of the announced 50 MB is ever sent.
    const response = await rawRequest(requestHead(a.bidId, a.cookie, "accounts", `Content-Length: ${fiftyMegabytes}`), () => (given ? undefined : ((given = true), start)));
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(errorSummaryOf(response.body)).toEqual([DOCUMENT_MESSAGES.tooLarge]);
    // The message sits beside the form it came from, named in the form's address.
    expect(response.body).toContain(`id="file-accounts-error"`);
    expect(response.bodyBytesSentBeforeAnswer).toBeLessThan(fiftyMegabytes);
    expect(listAttachmentsForBid(a.bidId)).toEqual([]);
    expect(incoming()).toEqual([]);
  });

  it("sent in chunks with no length is cut off with 413 once past the limit, while more was still coming", async () => {
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const ceiling = MAX_DOCUMENT_BYTES * 3;
    let first = true;
    const response = await rawRequest(requestHead(a.bidId, a.cookie, "governing_document", "Transfer-Encoding: chunked"), (sent) => {
      if (first) {
        first = false;
        return chunked(fileStart("governing_document", "constitution.pdf"));
      }
      // Never finishes on its own: the body goes on until the server answers (or 30 MB, to fail).
      return sent < ceiling ? chunked(piece) : undefined;
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(errorSummaryOf(response.body)).toEqual([DOCUMENT_MESSAGES.tooLarge]);
    expect(response.body).toContain(`id="file-governing_document-error"`);
    // The server read past 10 MB and stopped: the client was still sending, well short of 30 MB.
    expect(response.bodyBytesSentBeforeAnswer).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(response.bodyBytesSentBeforeAnswer).toBeLessThan(ceiling);
    expect(listAttachmentsForBid(a.bidId)).toEqual([]);
    expect(incoming()).toEqual([]);
  });

  it("sent in chunks whose part headers never end is cut off too, so the parser holds at most the limit", async () => {
    // A file name that goes on for ever: the parser keeps part headers in memory until they end.
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let first = true;
    const response = await rawRequest(requestHead(a.bidId, a.cookie, "accounts", "Transfer-Encoding: chunked"), (sent) => {
      if (first) {
        first = false;
        return chunked(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="`));
      }
      return sent < MAX_DOCUMENT_BYTES * 3 ? chunked(piece) : undefined;
    });
    expect(response.status).toBe(413);
    expect(errorSummaryOf(response.body)).toEqual([DOCUMENT_MESSAGES.tooLarge]);
    expect(response.bodyBytesSentBeforeAnswer).toBeLessThan(MAX_DOCUMENT_BYTES * 3);
    expect(incoming()).toEqual([]);
  });

  it("a file of exactly the limit still goes through the real edge", async () => {
    const b = await applicantWithBid();
    const exact = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    pdf().copy(exact);
    const response = await post(b.bidId, b.cookie, "accounts", { name: "accounts.pdf", bytes: exact });
    expect(response.status).toBe(302);
    expect(listAttachmentsForBid(b.bidId).map((r) => r.sizeBytes)).toEqual([MAX_DOCUMENT_BYTES]);
  });
});

describe("a file whose bytes are not what it claims", () => {
  const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
  const wrongType = DOCUMENT_MESSAGES.wrongType;
  it.each([
    ["a .pdf that is a Windows program", "constitution.pdf", "application/pdf", windowsProgram(), wrongType],
    ["a .pdf that is a web page", "constitution.pdf", "application/pdf", html, wrongType],
    ["a .pdf that is a zip", "constitution.pdf", "application/pdf", zip("payload.exe", "MZ"), wrongType],
    ["a .docx that is random bytes", "constitution.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", crypto.randomBytes(4096), wrongType],
    ["a .docx that is a zip of something else", "constitution.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip("notes.txt", "hello"), wrongType],
    ["a .png that is really a PDF", "policy.png", "image/png", pdf(), DOCUMENT_MESSAGES.nameMismatch("PDF", ".pdf")],
    ["a .pdf that is really a PNG", "policy.pdf", "application/pdf", png(), DOCUMENT_MESSAGES.nameMismatch("PNG", ".png")],
    ["a PDF named .html (it would open as a page from the downloads folder)", "policy.html", "text/html", pdf(), DOCUMENT_MESSAGES.nameMismatch("PDF", ".pdf")],
    ["a PDF whose name hides .exe behind a right-to-left override", "policy\u202Efdp.exe", "application/pdf", pdf(), DOCUMENT_MESSAGES.nameMismatch("PDF", ".pdf")],
    ["a PDF with no extension", "policy", "application/pdf", pdf(), DOCUMENT_MESSAGES.nameMismatch("PDF", ".pdf")],
  ])("%s is refused with a GOV.UK error and nothing is kept", async (_label, name, type, bytes, message) => {
    const before = kept();
    const response = await post(a.bidId, a.cookie, "safeguarding_policy", { name, bytes, type });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(errorSummaryOf(page)).toEqual([message]);
    expect(page).toContain(`id="file-safeguarding_policy-error"`);
    expect(page).toMatch(/<title>Error: /);
    expect(listAttachmentsForBid(a.bidId)).toEqual([]);
    expect(kept()).toEqual(before);
    expect(incoming()).toEqual([]);
  });
});

describe("file names", () => {
  const long = `${"ä".repeat(3000)}.pdf`;
  it.each([
    ["a relative path", "../../etc/passwd.pdf", "passwd.pdf"],
    ["a Windows relative path", "..\\..\\windows\\x.pdf", "x.pdf"],
    ["an absolute path", "/abs/path/x.pdf", "x.pdf"],
    ["a Windows absolute path", "C:\\Windows\\System32\\x.pdf", "x.pdf"],
    ["an encoded path", "%2e%2e%2f%2e%2e%2fx.pdf", "%2e%2e%2f%2e%2e%2fx.pdf"],
    ["a NUL byte before a second extension", Buffer.from("x.pdf\0.html.pdf"), "x.pdf.html.pdf"],
    ["control characters", "a\tb\u0007c\u007f\u001b[31m.pdf", "abc[31m.pdf"],
    ["zero-width and bidirectional characters", "in\u200Bvoice\u2066\u202E.pdf", "invoice.pdf"],
    ["a very long name", long, `${"ä".repeat(196)}.pdf`],
    ["unicode letters and emoji", "Côté 📄 заявка 申請.pdf", "Côté 📄 заявка 申請.pdf"],
    ["markup", `<img src onerror><script>alert('x').pdf`, `<img src onerror><script>`],
    ["only dots", "..", "document"],
    ["a semicolon and an equals sign", "accounts; v=2.pdf", "unreadable"],
    // A browser sends a new line in a name as %0D%0A; sent raw it breaks the part's headers.
    ["a raw new line", "a\r\nb.pdf", "malformed"],
  ])("%s stays inside storage under a generated name and is shown escaped", async (_label, name, expectedStart) => {
    const b = await applicantWithBid();
    const outside = filesOutsideUploads();
    const response = await post(b.bidId, b.cookie, "governing_document", { name, bytes: pdf() });

    const [row] = listAttachmentsForBid(b.bidId);
    if (expectedStart === "malformed") {
      expect(response.status).toBe(400);
      expect(row).toBeUndefined();
      expect(filesOutsideUploads()).toEqual(outside);
      return;
    }
    if (expectedStart === "document" || expectedStart === "unreadable") {
      // Nothing of the name is left, so it cannot say what the file is; or the name cannot be read
      // at all: refused on the page, nothing kept.
      expect(response.status).toBe(400);
      expect(errorSummaryOf(await response.text())).toEqual([expectedStart === "document" ? DOCUMENT_MESSAGES.nameMismatch("PDF", ".pdf") : DOCUMENT_MESSAGES.unreadableName]);
      expect(row).toBeUndefined();
      expect(filesOutsideUploads()).toEqual(outside);
      return;
    }
    expect(response.status).toBe(302);
    expect(row.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(row.originalName.startsWith(expectedStart)).toBe(true);
    expect(row.originalName).not.toMatch(/[/\\\u0000-\u001f\u007f\u200b\u202e\u2066]/);
    expect(Array.from(row.originalName).length).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(UPLOAD_DIR, row.storedName)).equals(pdf())).toBe(true);
    // Nothing was written anywhere else, and storage holds only generated names.
    expect(filesOutsideUploads()).toEqual(outside);
    expect(kept().every((f) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    expect(fs.existsSync(path.resolve(UPLOAD_DIR, "../../etc/passwd.pdf"))).toBe(false);
    expect(fs.existsSync("/abs/path/x.pdf")).toBe(false);

    const page = await (await fetch(`${server.baseUrl}/applications/${b.bidId}/documents`, { headers: { Cookie: b.cookie } })).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src onerror");
    const link = page.match(new RegExp(`<a class="govuk-link" href="/attachments/${row.id}">([^<]*)</a>`))?.[1];
    expect(link && decodeEntities(link)).toBe(row.originalName);
  });
});

describe("downloading", () => {
  /** RFC 8187 attr-char: what may appear unencoded in filename*. */
  const ATTR_CHARS = /^[A-Za-z0-9!#$&+\-.^_`|~%]*$/;

  it.each([
    ["plain", "accounts 2024.pdf", `accounts 2024.pdf`],
    ["accents, apostrophes, brackets and a percent sign", `Côté's 'final' (v2), 100% & more.pdf`, `C_t_'s 'final' (v2), 100_ & more.pdf`],
    // Browsers send a quote in a name as %22; a hand-made request can send it raw.
    ["raw quote", `a"b.pdf`, `a_b.pdf`],
    ["emoji and other scripts", "📄 заявка.pdf", `_ ______.pdf`],
    ["long and accented", `${"é".repeat(196)}.pdf`, `${"_".repeat(196)}.pdf`],
  ])("a %s name comes as an attachment with an ASCII fallback and an RFC 8187 encoded name", async (_label, name, fallback) => {
    const b = await applicantWithBid();
    expect((await post(b.bidId, b.cookie, "accounts", { name, bytes: pdf() })).status).toBe(302);
    const [row] = listAttachmentsForBid(b.bidId);
    const response = await fetch(`${server.baseUrl}/attachments/${row.id}`, { headers: { Cookie: b.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    // Set by the edge on every response and by the route itself: browsers read the first value.
    expect(response.headers.get("X-Content-Type-Options")!.split(/,\s*/).every((v) => v === "nosniff")).toBe(true);
    const disposition = response.headers.get("Content-Disposition")!;
    const match = disposition.match(/^attachment; filename="([^"]*)"; filename\*=UTF-8''(.*)$/);
    expect(match, disposition).not.toBeNull();
    const [, ascii, encoded] = match!;
    expect(ascii).toBe(fallback);
    expect(ascii).toMatch(/^[\x20-\x7e]*$/);
    expect(ascii).not.toMatch(/["\\%;]/);
    expect(encoded).toMatch(ATTR_CHARS);
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf())).toBe(true);
  });
});

describe("a form body no page sends, refused at the edge before any route runs", () => {
  const signUp = "name=Mallory&organisationName=Group&email=mallory.edge%40example.org&password=orchid-tunnel-window&confirmPassword=orchid-tunnel-window";

  it.each([
    ["JSON", "application/json", JSON.stringify({ email: "mallory.edge@example.org" })],
    ["plain text", "text/plain", signUp],
    ["no type at all", undefined, signUp],
    ["a multipart body (only the documents page uploads)", `multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`],
    ["a broken multipart body", "multipart/form-data; boundary=abc", "garbage"],
  ])("%s is answered 415 in words, with nothing changed and no error logged", async (_label, type, body) => {
    const response = await fetch(`${server.baseUrl}/signup`, { method: "POST", headers: type ? { "Content-Type": type } : {}, body, redirect: "manual" });
    expect(response.status).toBe(415);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("The form could not be read: it must be sent as a web form.");
    expect(findUserByEmail("mallory.edge@example.org")).toBeUndefined();
    expect(takeConsoleErrors()).toEqual([]);
  });

  it("a web form sent in chunks with no length is answered 411", async () => {
    const response = await rawRequest(
      ["POST /signup HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked", "Connection: close", "", ""].join("\r\n"),
      (sent) => (sent === 0 ? chunked(Buffer.from(signUp)) : sent < 10_000 ? "end" : undefined),
    );
    expect(response.status).toBe(411);
    expect(response.body).toBe("The form could not be read: its length must be given.");
    expect(findUserByEmail("mallory.edge@example.org")).toBeUndefined();
  });

  it("a web form announced as larger than 2 MB is answered 413 before its body is sent", async () => {
    const threeMegabytes = 3 * 1024 * 1024;
    let given = false;
    const response = await rawRequest(
      ["POST /signup HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/x-www-form-urlencoded", `Content-Length: ${threeMegabytes}`, "", ""].join("\r\n"),
      () => (given ? undefined : ((given = true), Buffer.from(signUp))),
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(response.body).toBe("The form is too large to be read.");
    expect(response.bodyBytesSentBeforeAnswer).toBeLessThan(threeMegabytes);
  });

  it("a broken multipart body to the documents page reaches its route, which refuses it as a bad request", async () => {
    const response = await fetch(`${server.baseUrl}/applications/${a.bidId}/documents`, {
      method: "POST",
      headers: { Cookie: a.cookie, "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: `--${BOUNDARY}\r\nno headers here`,
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(listAttachmentsForBid(a.bidId)).toEqual([]);
    expect(takeConsoleErrors()).toEqual([]);
  });
});
