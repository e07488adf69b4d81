import { describe, expect, it } from "vitest";
import { checkDocument, cleanOriginalName, DOCUMENT_MESSAGES, MAX_NAME_CHARACTERS } from "~/domain/attachments/rules";

const pdf = { mime: "application/pdf" };

describe("a document's name must say what its bytes are", () => {
  it.each([
    ["constitution.pdf", pdf, true],
    ["CONSTITUTION.PDF", pdf, true],
    ["photo.jpeg", { mime: "image/jpeg" }, true],
    ["photo.jpg", { mime: "image/jpeg" }, true],
    ["photo.png", { mime: "image/jpeg" }, false],
    ["notes.html", pdf, false],
    ["constitution", pdf, false],
    ["constitution.pdf.exe", pdf, false],
    // What is checked is the name as kept: the override and the NUL are gone, leaving .exe or .html.
    ["policy\u202Efdp.exe", pdf, false],
    ["x.pdf\u0000.html", pdf, false],
  ])("%s with %o bytes: allowed %s", (name, detected, allowed) => {
    const check = checkDocument({ name, sizeBytes: 100, detected });
    expect(check.ok).toBe(allowed);
    if (!check.ok) expect(check.message).toMatch(/^The selected file is a (PDF|JPEG), so its name must end with \.(pdf|jpg)$/);
  });

  it("bytes of no allowed type are refused whatever the name", () => {
    expect(checkDocument({ name: "x.pdf", sizeBytes: 100, detected: undefined })).toEqual({ ok: false, message: DOCUMENT_MESSAGES.wrongType });
  });
});

describe("the name kept for a document", () => {
  it("loses folders, control characters and invisible formatting characters", () => {
    expect(cleanOriginalName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(cleanOriginalName("C:\\Users\\x\\a.pdf")).toBe("a.pdf");
    expect(cleanOriginalName("a\u0000b\tc\u001b\u007f.pdf")).toBe("abc.pdf");
    expect(cleanOriginalName("in\u200Bvoice\u202E\u2066\uFEFF.pdf")).toBe("invoice.pdf");
    expect(cleanOriginalName("a\u2028b.pdf")).toBe("ab.pdf");
    expect(cleanOriginalName("..")).toBe("document");
    expect(cleanOriginalName(" \u200B ")).toBe("document");
  });

  it("is shortened by whole characters, keeping its extension, so no emoji is cut in half", () => {
    const kept = cleanOriginalName(`${"😀".repeat(500)}.pdf`);
    expect(Array.from(kept)).toHaveLength(MAX_NAME_CHARACTERS);
    expect(kept.endsWith("😀.pdf")).toBe(true);
    // A lone surrogate would make encodeURIComponent throw when the name is offered for download.
    expect(() => encodeURIComponent(kept)).not.toThrow();
    expect(cleanOriginalName(`${"a".repeat(300)}`)).toBe("a".repeat(MAX_NAME_CHARACTERS));
  });

  it("drops a lone surrogate rather than keep a name that cannot be encoded", () => {
    expect(cleanOriginalName("a\uD83D.pdf")).toBe("a.pdf");
  });
});
