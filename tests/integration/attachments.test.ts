/**
 * Bid documents: what an applicant may upload (judged by the file's bytes, not its name), where it
 * is kept, and who may download it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { bids } from "#db/schema";
import { listAuditEvents } from "~/models/audit.server";
import { listAttachmentsForBid } from "~/models/attachment.server";
import { startBid } from "~/models/bid.server";
import { action, loader } from "~/routes/applications.$bidId.documents";
import { loader as download } from "~/routes/attachments.$attachmentId";
import { signedIn } from "../factories/accounts";
import { openRound } from "../factories/bids";
import { call, jsonOf } from "../setup/remix";

const UPLOAD_DIR = path.join(path.dirname(process.env.DATABASE_PATH!), "uploads");
process.env.UPLOAD_DIR = UPLOAD_DIR;

const MB10 = 10 * 1024 * 1024;
const MIME = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpeg: "image/jpeg",
};

// ---- Small real files ----

function pdf(size?: number): Buffer {
  const body = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  if (size === undefined) return body;
  const padded = Buffer.alloc(size, 0x20);
  body.copy(padded);
  return padded;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(Buffer.from([0, 0]))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function jpeg(): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
}

/** A zip with stored (uncompressed) entries: enough for an Office Open XML document. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
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
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function officeDocument(part: "word/document.xml" | "xl/workbook.xml", mainType: string): Buffer {
  return zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${mainType}"/></Types>`,
    [part]: `<?xml version="1.0" encoding="UTF-8"?><root/>`,
  });
}

const docx = () => officeDocument("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
const xlsx = () => officeDocument("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

// ---- Calling the routes ----

type Upload = { bytes: Uint8Array; name: string; type?: string };

async function unwrap(work: () => Promise<unknown>): Promise<Response> {
  try {
    return (await work()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Posts the page's upload form as a browser would: multipart, hidden intent and kind, then the file. */
function upload(bidId: number, cookie: string, kind: string, file?: Upload): Promise<Response> {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("kind", kind);
  if (file) form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  const request = new Request(`http://localhost:3000/applications/${bidId}/documents`, { method: "POST", body: form, headers: { Cookie: cookie } });
  return unwrap(() => action({ request, params: { bidId: String(bidId) }, context: {} }));
}

function downloadAs(attachmentId: number, cookie: string) {
  return call(download, `/attachments/${attachmentId}`, { cookie, params: { attachmentId: String(attachmentId) } });
}

async function applicantWithBid(organisationName?: string) {
  const round = openRound();
  const applicant = await signedIn("applicant", organisationName ? { organisationName } : {});
  const bidId = startBid({ userId: applicant.user.id, organisationId: applicant.user.organisationId!, roundId: round.id }, new Date());
  return { ...applicant, bidId };
}

function incomingFiles(): string[] {
  const dir = path.join(UPLOAD_DIR, ".incoming");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function expectRefused(response: Response, kind: string, message: string, status = 400) {
  expect(response.status).toBe(status);
  return jsonOf<{ errors: Record<string, string> }>(response).then((body) => expect(body.errors).toEqual({ [`file-${kind}`]: message }));
}

let a: Awaited<ReturnType<typeof applicantWithBid>>;

beforeAll(async () => {
  a = await applicantWithBid("Organisation A");
});

describe("uploading a bid document", () => {
  it.each([
    ["PDF", "governing_document", { bytes: pdf(), name: "constitution.pdf", type: "application/pdf" }, MIME.pdf],
    ["DOCX", "governing_document", { bytes: docx(), name: "constitution.docx" }, MIME.docx],
    ["XLSX", "accounts", { bytes: xlsx(), name: "accounts 2024.xlsx" }, MIME.xlsx],
    ["PNG", "safeguarding_policy", { bytes: png(), name: "policy.png", type: "image/png" }, MIME.png],
    ["JPEG", "safeguarding_policy", { bytes: jpeg(), name: "policy.jpg", type: "image/jpeg" }, MIME.jpeg],
  ])("an applicant can upload a %s, kept under a generated name outside public/", async (_label, kind, file, mime) => {
    const response = await upload(a.bidId, a.cookie, kind, file);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/applications/${a.bidId}/documents`);
    const row = listAttachmentsForBid(a.bidId).find((r) => r.kind === kind)!;
    expect(row).toMatchObject({ originalName: file.name, mimeType: mime, sizeBytes: file.bytes.length, sha256: sha256(file.bytes), uploadedBy: a.user.id, organisationId: a.user.organisationId });
    expect(row.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(UPLOAD_DIR, row.storedName)).equals(Buffer.from(file.bytes))).toBe(true);
    expect(path.relative(path.resolve("public"), UPLOAD_DIR).startsWith("..")).toBe(true);
    const audit = listAuditEvents({ subjectType: "attachment", subjectId: String(row.id) });
    expect(audit.map((e) => e.action)).toContain("attachment.uploaded");
    expect(incomingFiles()).toEqual([]);
  });

  it("a new file of the same kind replaces the earlier one, its row and its file", async () => {
    const b = await applicantWithBid();
    await upload(b.bidId, b.cookie, "accounts", { bytes: pdf(), name: "old accounts.pdf" });
    const [old] = listAttachmentsForBid(b.bidId);
    const response = await upload(b.bidId, b.cookie, "accounts", { bytes: xlsx(), name: "new accounts.xlsx" });
    expect(response.status).toBe(302);
    const rows = listAttachmentsForBid(b.bidId);
    expect(rows.map((r) => r.originalName)).toEqual(["new accounts.xlsx"]);
    expect(fs.existsSync(path.join(UPLOAD_DIR, old.storedName))).toBe(false);
    expect(listAuditEvents({ subjectType: "attachment", subjectId: String(old.id) }).map((e) => e.action)).toEqual(["attachment.removed", "attachment.uploaded"]);
  });

  it.each([
    ["a Windows program", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0")])],
    ["plain text", Buffer.from("This is our constitution, honest.\n")],
  ])("%s named constitution.pdf and sent as application/pdf is refused", async (_label, bytes) => {
    const before = listAttachmentsForBid(a.bidId).length;
    const response = await upload(a.bidId, a.cookie, "governing_document", { bytes, name: "constitution.pdf", type: "application/pdf" });
    await expectRefused(response, "governing_document", "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG");
    expect(listAttachmentsForBid(a.bidId)).toHaveLength(before);
    expect(incomingFiles()).toEqual([]);
  });

  it("a zip that is not a Word or Excel document is refused", async () => {
    const response = await upload(a.bidId, a.cookie, "accounts", { bytes: zip({ "notes.txt": "hello" }), name: "accounts.docx", type: MIME.docx });
    await expectRefused(response, "accounts", "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG");
  });

  it("a file of exactly 10MB is accepted; one byte more is refused and nothing is kept", async () => {
    const b = await applicantWithBid();
    const exact = await upload(b.bidId, b.cookie, "accounts", { bytes: pdf(MB10), name: "accounts.pdf" });
    expect(exact.status).toBe(302);
    expect(listAttachmentsForBid(b.bidId)[0].sizeBytes).toBe(MB10);

    const stored = fs.readdirSync(UPLOAD_DIR).length;
    const over = await upload(b.bidId, b.cookie, "governing_document", { bytes: pdf(MB10 + 1), name: "constitution.pdf" });
    await expectRefused(over, "governing_document", "The selected file must be smaller than 10MB", 413);
    expect(listAttachmentsForBid(b.bidId).map((r) => r.kind)).toEqual(["accounts"]);
    expect(fs.readdirSync(UPLOAD_DIR).length).toBe(stored);
    expect(incomingFiles()).toEqual([]);
  });

  it("an empty file is refused", async () => {
    const response = await upload(a.bidId, a.cookie, "accounts", { bytes: new Uint8Array(0), name: "accounts.pdf" });
    await expectRefused(response, "accounts", "The selected file is empty");
  });

  it("a form with no file chosen asks for one", async () => {
    await expectRefused(await upload(a.bidId, a.cookie, "accounts"), "accounts", "Select a file");
    // What a browser sends when the file input is left empty: a part with no name and no bytes.
    await expectRefused(await upload(a.bidId, a.cookie, "accounts", { bytes: new Uint8Array(0), name: "" }), "accounts", "Select a file");
  });

  it("a path-like file name never reaches the stored path", async () => {
    const b = await applicantWithBid();
    const response = await upload(b.bidId, b.cookie, "governing_document", { bytes: pdf(), name: "../../etc/passwd.pdf", type: "application/pdf" });
    expect(response.status).toBe(302);
    const [row] = listAttachmentsForBid(b.bidId);
    expect(row.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(row.originalName).toBe("passwd.pdf");
    expect(fs.existsSync(path.join(UPLOAD_DIR, row.storedName))).toBe(true);
    expect(fs.existsSync(path.resolve(UPLOAD_DIR, "../../etc/passwd.pdf"))).toBe(false);
    expect(fs.readdirSync(UPLOAD_DIR).some((f) => f.includes("passwd"))).toBe(false);
  });

  it("an unknown kind of document is refused", async () => {
    const response = await upload(a.bidId, a.cookie, "bank_statement", { bytes: pdf(), name: "x.pdf" });
    expect(response.status).toBe(400);
  });

  it("is refused once the bid is submitted, and the page shows no upload forms", async () => {
    const b = await applicantWithBid();
    await upload(b.bidId, b.cookie, "accounts", { bytes: pdf(), name: "accounts.pdf" });
    const [row] = listAttachmentsForBid(b.bidId);
    getDb().update(bids).set({ status: "submitted" }).where(eq(bids.id, b.bidId)).run();

    const response = await upload(b.bidId, b.cookie, "governing_document", { bytes: pdf(), name: "constitution.pdf" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/applications/${b.bidId}`);
    const remove = await call(action, `/applications/${b.bidId}/documents`, { cookie: b.cookie, params: { bidId: String(b.bidId) }, form: { intent: "remove", attachmentId: String(row.id) } });
    expect(remove.headers.get("Location")).toBe(`/applications/${b.bidId}`);
    expect(listAttachmentsForBid(b.bidId).map((r) => r.id)).toEqual([row.id]);

    const page = await jsonOf<{ editable: boolean }>(await call(loader, `/applications/${b.bidId}/documents`, { cookie: b.cookie, params: { bidId: String(b.bidId) } }));
    expect(page.editable).toBe(false);
  });
});

describe("the documents page", () => {
  it("lists what has been uploaded, and a document can be removed while the bid is a draft", async () => {
    const b = await applicantWithBid();
    await upload(b.bidId, b.cookie, "safeguarding_policy", { bytes: pdf(), name: "safeguarding.pdf" });
    const params = { bidId: String(b.bidId) };
    const page = await jsonOf<{ editable: boolean; documents: { kind: string; attachment: { id: number; originalName: string; sizeBytes: number } | null }[] }>(
      await call(loader, `/applications/${b.bidId}/documents`, { cookie: b.cookie, params }),
    );
    expect(page.editable).toBe(true);
    expect(page.documents.map((d) => [d.kind, d.attachment?.originalName ?? null])).toEqual([
      ["governing_document", null],
      ["accounts", null],
      ["safeguarding_policy", "safeguarding.pdf"],
    ]);
    const [row] = listAttachmentsForBid(b.bidId);
    const removed = await call(action, `/applications/${b.bidId}/documents`, { cookie: b.cookie, params, form: { intent: "remove", attachmentId: String(row.id) } });
    expect(removed.status).toBe(302);
    expect(listAttachmentsForBid(b.bidId)).toEqual([]);
    expect(fs.existsSync(path.join(UPLOAD_DIR, row.storedName))).toBe(false);
    expect(listAuditEvents({ subjectType: "attachment", subjectId: String(row.id) })[0].action).toBe("attachment.removed");
  });
});

describe("another organisation's documents", () => {
  it("are a 404 to its applicants: the page, the upload and the download, the same as missing ones", async () => {
    const owner = await applicantWithBid();
    await upload(owner.bidId, owner.cookie, "accounts", { bytes: pdf(), name: "accounts.pdf" });
    const [row] = listAttachmentsForBid(owner.bidId);
    const other = await applicantWithBid();
    const params = { bidId: String(owner.bidId) };

    expect((await call(loader, `/applications/${owner.bidId}/documents`, { cookie: other.cookie, params })).status).toBe(404);
    expect((await upload(owner.bidId, other.cookie, "accounts", { bytes: pdf(), name: "mine now.pdf" })).status).toBe(404);
    expect((await call(action, `/applications/${owner.bidId}/documents`, { cookie: other.cookie, params, form: { intent: "remove", attachmentId: String(row.id) } })).status).toBe(404);
    expect(listAttachmentsForBid(owner.bidId).map((r) => r.originalName)).toEqual(["accounts.pdf"]);

    const theirs = await downloadAs(row.id, other.cookie);
    const missing = await downloadAs(999_999, other.cookie);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await theirs.text()).toBe(await missing.text());
  });

  it("a document id from another bid cannot be removed through this bid", async () => {
    const owner = await applicantWithBid();
    await upload(owner.bidId, owner.cookie, "accounts", { bytes: pdf(), name: "accounts.pdf" });
    const [row] = listAttachmentsForBid(owner.bidId);
    const other = await applicantWithBid();
    await call(action, `/applications/${other.bidId}/documents`, { cookie: other.cookie, params: { bidId: String(other.bidId) }, form: { intent: "remove", attachmentId: String(row.id) } });
    expect(listAttachmentsForBid(owner.bidId)).toHaveLength(1);
  });
});

describe("downloading a document", () => {
  // Assessors only the documents of bids they assess: tests/security/authorization-matrix.test.ts.
  it.each(["grants_officer", "finance", "admin"] as const)("%s can download any organisation's document", async (role) => {
    const staff = await signedIn(role);
    const [row] = listAttachmentsForBid(a.bidId);
    const response = await downloadAs(row.id, staff.cookie);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(path.join(UPLOAD_DIR, row.storedName)))).toBe(true);
  });

  it("comes as an attachment with the detected type, both forms of the name, no sniffing and no caching", async () => {
    const b = await applicantWithBid();
    const name = "Côté's accounts 2024 (final).xlsx";
    await upload(b.bidId, b.cookie, "accounts", { bytes: xlsx(), name, type: "text/html" });
    const [row] = listAttachmentsForBid(b.bidId);
    const response = await downloadAs(row.id, b.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(MIME.xlsx);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="C_t_'s accounts 2024 (final).xlsx"; filename*=UTF-8''C%C3%B4t%C3%A9%27s%20accounts%202024%20%28final%29.xlsx`,
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(xlsx())).toBe(true);
  });
});
