/**
 * Money is integer pence in every layer. These two functions are the only way between pence and
 * the text people read and type ("£8,000.00").
 */
const formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new Error(`Not a whole number of pence: ${pence}`);
  return formatter.format(pence / 100);
}

/** Largest sum the portal will parse: £100 million, well beyond any fund, well inside 2^53 pence. */
export const MAX_PENCE = 10_000_000_000;

/**
 * Parses what a person typed ("8000", "£8,000.00", "8,000.5") into pence, or null when it is not an
 * amount of money. Done on the digits as text, never through floating point.
 */
export function parsePounds(input: string): number | null {
  const text = input.trim().replace(/^£/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const pounds = Number(match[1]);
  const pence = match[2] ? Number(match[2].padEnd(2, "0")) : 0;
  const total = pounds * 100 + pence;
  return total <= MAX_PENCE ? total : null;
}

/** Shows pence as the plain number a person would type back into a form ("8000.00"). */
export function penceToInput(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
