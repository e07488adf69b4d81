import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataToValues, parseForm } from "~/utils/forms";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("reading a posted form", () => {
  // Found by fuzzing: a NUL pasted into an officer's note was stored as it came, and a control
  // character in any saved text would make the XLSX and Word exports unreadable (XML refuses them).
  it("drops characters nobody can type: NUL, other control characters, U+FFFE and U+FFFF", () => {
    const values = formDataToValues(form([["note", "a\u0000b\u0007c\u001b[31md\u007fe\ufffef\uffff"]]));
    expect(values.note).toBe("abc[31mdef");
  });

  it("keeps tabs, new lines and every printable character, in any script", () => {
    const text = "Line one\r\nLine two\tand a tab: Côté 😀 заявка \u202Eright-to-left\u202C";
    expect(formDataToValues(form([["story", text]])).story).toBe(text);
  });

  it("keeps passwords exactly as sent, since they are only hashed and must match as typed", () => {
    expect(formDataToValues(form([["password", "a\u0000b"], ["currentPassword", "\u0007x"]]))).toEqual({ password: "a\u0000b", currentPassword: "\u0007x" });
  });

  it("cleans every value of a repeated field", () => {
    expect(formDataToValues(form([["ids", "1\u0000"], ["ids", "\u00012"]])).ids).toEqual(["1", "2"]);
  });

  it("so a required box holding only control characters is empty, and refused as such", () => {
    const result = parseForm(z.object({ note: z.string().trim().min(1, "Enter a note") }), form([["note", "\u0000\u0000"]]));
    expect(result).toMatchObject({ ok: false, errors: { note: "Enter a note" } });
  });
});
