/**
 * What the fuzzer posts: hostile values (chosen by what a field's name says it holds, plus anything
 * at all), and whole submissions built from a form found on a page. A submission is judged as one
 * of two kinds of post:
 *
 * - typed: what a person can do with a browser. Boxes get hostile text; hidden fields, radios,
 *   selects, checkboxes and buttons keep values the page offers. Every refusal must be a GOV.UK
 *   error summary on the page.
 * - tampered: what a hand-made request can do. Any field hostile, missing, repeated (an array where
 *   one value belongs), extra fields, other body types. A refusal may then be a "bad request" page.
 */
import fc from "fast-check";

export type FieldKind = "text" | "textarea" | "password" | "email" | "number" | "hidden" | "select" | "radio" | "checkbox" | "button" | "file";

/** One named control of a form: its kind, the values the page offers and the value it shows. */
export type FormField = { name: string; kind: FieldKind; options: string[]; value: string };

/** `seen` is false for a form pieced together from a route's source because no page showed one. */
export type PageForm = { path: string; enctype: "urlencoded" | "multipart"; fields: FormField[]; seen: boolean };

export type BodyKind = "urlencoded" | "multipart" | "text/plain" | "json" | "none";

export type Submission = {
  mode: "typed" | "tampered";
  /** As a page (no JavaScript, the answer rendered) or as Remix's own fetch (`?_data`, JSON back). */
  via: "document" | "data";
  form: number;
  body: BodyKind;
  /** In order, with repeats: what the body carries. */
  entries: [string, string][];
  /** For multipart bodies: the file parts. */
  files: { name: string; filename: string; bytes: Uint8Array }[];
};

/** A marker no page would write by itself: if it comes back as markup, the page reflected it unescaped. */
export const XSS_MARKER = "fuzzxss7";

const SCRIPTS = [
  `<script>${XSS_MARKER}()</script>`,
  `"><img src=x onerror=${XSS_MARKER}()>`,
  `'><svg onload=${XSS_MARKER}()>`,
  `javascript:${XSS_MARKER}()`,
  `</textarea><script>${XSS_MARKER}()</script>`,
  `<b ${XSS_MARKER}>bold</b>`,
  "{{7*7}}",
  "${7*7}",
  "<!--",
  "]]>",
];

const SQL = ["' OR '1'='1", "'; DROP TABLE bids; --", "1; SELECT * FROM users", "%' --", '" OR ""="', "1 UNION SELECT password_hash FROM users", "\\'", "`"];

const PATHS = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "file:///etc/passwd", "\\\\server\\share", "C:\\boot.ini", "//evil.example", "https://evil.example/", "/\\evil.example"];

/** Control characters, NUL, right-to-left and zero-width marks, lone surrogates, emoji, combining marks. */
const ODD_CHARACTERS = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\r\n", "\u000b", "\u000c", "\u001b[31m", "\u007f", "\u0085", "\u00a0", "\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\ud83d", "\ude00", "😀", "👨‍👩‍👧", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "e\u0301", "Z̷̛̙a̸̡l̷g̶o̵", "ﷺ", "٣", "１２", "İ", "ß", "Ω", "\u3000"];

const WRONG_TYPES = ["", " ", "   ", "\t\n", "null", "undefined", "NaN", "Infinity", "-Infinity", "true", "false", "[]", "{}", '{"a":1}', "[object Object]", "0", "-0", "1", "-1", "__proto__", "constructor", "toString", "on", "yes", "no"];

const SPREADSHEET = ["=1+1", "=HYPERLINK(\"https://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1"];

/** Pounds and pence as people mistype them, and as attackers do. */
const MONEY = [
  "-1", "-0.01", "0", "0.00", "0.001", "0.005", "1e309", "1e3", "1E2", "£8,000.001", "£8,000.00", "£8,000.01", "8000", "8,000", "8,00,000", "£-5", "-£5", "£ 5", "5 £", "$5", "€5",
  "8000.00.00", "8000.", ".5", "5.", "9007199254740993", "99999999999999999999", "100000000.01", "999999999.99", "0x10", "1_000", "  12  ", "£", ",", ".", "١٢٣", "１２３", "8k", "−1", "+1",
  "0.1+0.2", "1/3", "Infinity", "NaN", "5,0", "5.5.5", "£5,5", "00000000001", "1,000,000,000", "1 000",
];

const INTEGERS = ["-1", "0", "1", "1.5", "1e3", "2147483648", "9007199254740993", "99999999999999999999", "-2147483649", "007", "1,000", "0x1F", "١", "１", "+5", "−3", "NaN", "Infinity", "1 2"];

/** Day, month and year boxes: impossible days, years 0 and 99999, signs, decimals, other digits. */
const DATE_PARTS = ["31", "30", "29", "28", "2", "0", "00", "1", "13", "12", "32", "-1", "1.5", "1e1", "", " ", "٣", "0000", "0001", "0099", "0100", "0999", "1899", "1900", "2026", "2027", "2199", "2200", "9999", "99999", "-2026", "+2026", "20 26"];

const WHOLE_DATES = ["31/02/2026", "2026-02-31", "2026-13-01", "0000-01-01", "99999-12-31", "29/02/2027", "2026-02-29T00:00:00Z", "1/1/1", "today", "tomorrow", "1970-01-01", "-001-01-01"];

const TIMES = ["24:00", "23:60", "00:00", "12:5", "1:00", "01:30", "9", "9am", "25:00", "-1:00", "12:00:00", "１２:００"];

const EMAILS = ["a@b", "@", "a@", "@b.c", "x@example.org\r\nBcc: victim@example.org", "x@example.org%0ABcc:victim@example.org", '"a b"@example.org', "a..b@example.org", "ａ@example.org", "admin@example.org", `${"a".repeat(300)}@example.org`, "x@[127.0.0.1]", "x@example.org;y@example.org", " UPPER@EXAMPLE.ORG "];

const CODES = ["../x", "a b", "A-B", "a--b", "-a", "a-", "UPPER", "ü", "x".repeat(81), "0", "gr8", "GR8", "mayors-safer-communities-fund"];

const BANK = ["00-00-00", "000000", "12-34-5", "12 34 56", "1234567", "123456789", "12345678", "00000000", "ab-cd-ef", "١٢٣٤٥٦٧٨"];

const pick = (values: readonly string[]) => fc.constantFrom(...values);

/**
 * Very long text, up to 1 MB, so limits and rendering are tested at size. Each unit's longest run
 * stays under 2 MB once URL-encoded (the edge refuses larger form bodies, tested on its own).
 */
const HUGE_UNITS: [unit: string, longest: number][] = [["a", 1_000_000], ["word ", 1_000_000], ["é", 300_000], ["😀", 150_000], ["<", 600_000], ["\u0000", 600_000], ["\r\n", 300_000]];
const huge = fc
  .tuple(fc.constantFrom(...HUGE_UNITS), fc.constantFrom(5_001, 20_001, 100_000, 1_000_000))
  .map(([[unit, longest], length]) => unit.repeat(Math.ceil(Math.min(length, longest) / unit.length)));

const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 60 }));

const general = fc.oneof(
  { weight: 3, arbitrary: pick(SCRIPTS) },
  { weight: 2, arbitrary: pick(SQL) },
  { weight: 2, arbitrary: pick(PATHS) },
  { weight: 3, arbitrary: pick(ODD_CHARACTERS) },
  { weight: 3, arbitrary: pick(WRONG_TYPES) },
  { weight: 1, arbitrary: pick(SPREADSHEET) },
  { weight: 2, arbitrary: pick(MONEY) },
  { weight: 1, arbitrary: pick(WHOLE_DATES) },
  { weight: 1, arbitrary: pick(EMAILS) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** The values aimed at what a field's name says it holds. */
function aimedAt(name: string): fc.Arbitrary<string> | undefined {
  if (/(Day|Month|Year)$/.test(name) || /^(year|quarter|month|day)$/i.test(name)) return pick(DATE_PARTS);
  if (/Time$/.test(name)) return pick(TIMES);
  if (/amount|cost|budget|spend|spent|allocation|award|income|pounds|pence|paid|repay|price|total/i.test(name)) return pick(MONEY);
  if (/email/i.test(name)) return pick(EMAILS);
  if (/sortCode|accountNumber/i.test(name)) return pick(BANK);
  if (/slug|code$/i.test(name)) return pick(CODES);
  if (/score|count|target|achieved|beneficiar|weight|threshold|perBid|number|^id$|Ids?$|\.\d+$/i.test(name)) return pick(INTEGERS);
  if (/(On|Date)$/.test(name)) return pick(WHOLE_DATES);
  return undefined;
}

/** A hostile value for a field of this name. `near` is a sensible value, to be decorated. */
export function hostileValue(name: string, near = ""): fc.Arbitrary<string> {
  const aimed = aimedAt(name);
  const decorated = fc.tuple(fc.oneof(pick(ODD_CHARACTERS), pick(SCRIPTS), pick(["-", "£", ".001", " ", ",", "0"])), fc.boolean()).map(([extra, before]) => (before ? `${extra}${near}` : `${near}${extra}`));
  const mixed = fc.array(fc.oneof(general, ...(aimed ? [aimed] : [])), { minLength: 2, maxLength: 4 }).map((parts) => parts.join(""));
  // Huge values are rare (1 in 61 hostile values): each can cost a megabyte each way.
  return fc.oneof(
    ...(aimed ? [{ weight: 24, arbitrary: aimed }] : []),
    { weight: 20, arbitrary: general },
    { weight: 8, arbitrary: decorated },
    { weight: 8, arbitrary: mixed },
    { weight: 1, arbitrary: huge },
  );
}

/** Names a hand-made request might add: columns people must not set, and names that trip up parsers. */
const EXTRA_NAMES = ["status", "amountPence", "amountRequestedPence", "budgetPence", "assessorId", "organisationId", "userId", "role", "roundId", "bidId", "awardId", "reference", "createdBy", "decidedBy", "id", "_data", "__proto__", "constructor", "prototype", "hasOwnProperty", "form", "intent", "redirectTo", "__proto__[admin]", "a[b]", "x.0.y", ""];

const entriesOf = (name: string, values: string[]): [string, string][] => values.map((v) => [name, v]);

/** The body kinds a hand-made request might use; only web forms (and uploads, where expected) pass the edge. */
const bodyKind = (form: PageForm) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant<BodyKind>(form.enctype) },
    { weight: 1, arbitrary: fc.constantFrom<BodyKind>("urlencoded", "multipart", "text/plain", "json", "none") },
  );

/**
 * A valid value from the route's world form, if it fits this form: a hidden field keeps the page's
 * value, and a choice only takes values the page offers (the world form may be another form's).
 */
function fitting(field: FormField, baseline: string | string[] | undefined): string | string[] | undefined {
  if (baseline === undefined || field.kind === "hidden") return undefined;
  if (["select", "radio", "checkbox", "button"].includes(field.kind) && ![baseline].flat().every((v) => field.options.includes(v))) return undefined;
  return baseline;
}

/** What a person could send for one field with a browser: page values for choices, hostile text in boxes. */
function typedField(field: FormField, given: string | string[] | undefined): fc.Arbitrary<[string, string][]> {
  const baseline = fitting(field, given);
  const base = baseline === undefined ? [field.value] : Array.isArray(baseline) ? baseline : [baseline];
  switch (field.kind) {
    case "hidden":
      return fc.constant(entriesOf(field.name, [field.value]));
    case "select":
    case "radio":
    case "button":
      if (field.options.length === 0) return fc.constant([]);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...field.options).map((v) => entriesOf(field.name, [v])) },
        // A radio or select left unanswered.
        { weight: field.kind === "button" ? 0 : 1, arbitrary: fc.constant<[string, string][]>([]) },
        ...(baseline !== undefined ? [{ weight: 4, arbitrary: fc.constant(entriesOf(field.name, base)) }] : []),
      );
    case "checkbox":
      return fc.oneof(fc.subarray(field.options).map((vs) => entriesOf(field.name, vs)), fc.constant(entriesOf(field.name, base)));
    case "file":
      return fc.constant([]);
    default:
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(entriesOf(field.name, base)) },
        { weight: 5, arbitrary: hostileValue(field.name, base[0] ?? "").map((v) => entriesOf(field.name, [v])) },
        { weight: 1, arbitrary: fc.constant(entriesOf(field.name, [""])) },
      );
  }
}

/** What a hand-made request could send for one field: anything, nothing, or several. */
function tamperedField(field: FormField, baseline: string | string[] | undefined): fc.Arbitrary<[string, string][]> {
  return fc.oneof(
    { weight: 4, arbitrary: typedField(field, baseline) },
    { weight: 3, arbitrary: hostileValue(field.name, field.value).map((v) => entriesOf(field.name, [v])) },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 2, arbitrary: fc.array(hostileValue(field.name, field.value), { minLength: 2, maxLength: 4 }).map((vs) => entriesOf(field.name, vs)) },
  );
}

type FilePart = Submission["files"][number];

/** A browser sends a file's own name, which no operating system lets run past 255 bytes; by hand, anything. */
const fileParts = (form: PageForm, byHand: boolean): fc.Arbitrary<FilePart[]> => {
  const fields = form.fields.filter((f) => f.kind === "file");
  const hostileName = byHand ? hostileValue("filename") : hostileValue("filename").map((v) => Buffer.from(v).subarray(0, 255).toString());
  const part = (name: string): fc.Arbitrary<FilePart> =>
    fc.record({
      name: fc.constant(name),
      filename: fc.oneof(pick(["constitution.pdf", "a.docx", "x.png"]), hostileName),
      bytes: fc.oneof(fc.constant(new TextEncoder().encode("%PDF-1.4\n%%EOF\n")), fc.uint8Array({ maxLength: 2048 })),
    });
  return fc.tuple(...fields.map((f) => part(f.name))).map((parts) => [...parts]);
};

const TYPEABLE: FieldKind[] = ["text", "textarea", "password", "email", "number"];

/** What the form sends untouched: the valid value where one is known, else what the page shows. */
function baselineEntries(field: FormField, given: string | string[] | undefined): [string, string][] {
  const baseline = fitting(field, given);
  if (baseline !== undefined) return entriesOf(field.name, [baseline].flat());
  switch (field.kind) {
    case "select":
    case "radio":
    case "button":
      return field.value !== "" || field.options.length === 0 ? entriesOf(field.name, field.value === "" ? [] : [field.value]) : entriesOf(field.name, [field.options[0]]);
    case "checkbox":
      return field.value === "" ? [] : entriesOf(field.name, [field.value]);
    case "file":
      return [];
    default:
      return entriesOf(field.name, [field.value]);
  }
}

/**
 * One submission to a route, from one of its forms. `baseline` is a valid form for the route where
 * one is known, keyed by field name. Four styles:
 * - valid: the form as it should be (the world's valid values, else the page's own);
 * - one: the valid form with one box hostile, so the value gets past every other check and as far
 *   as the database if nothing stops it;
 * - typed: every box may be hostile, choices stay the page's own;
 * - tampered: anything (see the top of this file).
 * A form no page showed can only be sent by hand, so its refusals are judged as a tampered post's.
 */
export function submission(forms: PageForm[], baseline: Record<string, string | string[]>): fc.Arbitrary<Submission> {
  return fc
    .record({ form: fc.nat({ max: forms.length - 1 }), style: fc.constantFrom("valid", "one", "one", "one", "typed", "typed", "tampered", "tampered") })
    .chain(({ form: index, style }) => {
      const form = forms[index];
      const mode: Submission["mode"] = style !== "tampered" && form.seen ? "typed" : "tampered";
      let fields: fc.Arbitrary<[string, string][][]>;
      if (style === "valid") {
        // Now and then the form as it should be, so each run of the success path is checked too.
        fields = fc.constant(form.fields.map((f) => baselineEntries(f, baseline[f.name])));
      } else if (style === "one") {
        const targets = form.fields.map((f, i) => (TYPEABLE.includes(f.kind) || !form.seen ? i : -1)).filter((i) => i >= 0 && form.fields[i].kind !== "file");
        fields = (targets.length === 0 ? fc.constant(-1) : fc.constantFrom(...targets)).chain((target) =>
          fc.tuple(...form.fields.map((f, i) => (i === target ? hostileValue(f.name, [baseline[f.name] ?? f.value].flat()[0] ?? "").map((v) => entriesOf(f.name, [v])) : fc.constant(baselineEntries(f, baseline[f.name]))))),
        );
      } else {
        fields = fc.tuple(...form.fields.map((f) => (style === "typed" ? typedField(f, baseline[f.name]) : tamperedField(f, baseline[f.name]))));
      }
      const extras =
        style !== "tampered"
          ? fc.constant<[string, string][]>([])
          : fc.array(fc.tuple(fc.oneof(pick(EXTRA_NAMES), fc.string({ maxLength: 20 })), hostileValue("extra")), { maxLength: 3 });
      return fc.record({
        mode: fc.constant(mode),
        via: fc.constantFrom<Submission["via"]>("document", "document", "data"),
        form: fc.constant(index),
        body: style !== "tampered" ? fc.constant<BodyKind>(form.enctype) : bodyKind(form),
        entries: fc.tuple(fields, extras, fc.boolean()).map(([perField, extra, shuffle]) => {
          const all = [...perField.flat(), ...extra];
          // Order should not matter to a parser; a tampered body tries the other order.
          return style === "tampered" && shuffle ? all.reverse() : all;
        }),
        files: fileParts(form, style === "tampered"),
      });
    });
}
