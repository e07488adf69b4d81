/**
 * The parts of a personal data download, in the order they appear, each with the plain-English
 * explanation that goes into the file and onto the pages that offer it. One list, so the file, the
 * account page and the administrator's summary always describe the same things.
 */
export const PERSONAL_DATA_SOURCES = [
  { key: "account", title: "Your account", explanation: "Your name, email address, role, when the account was made and when the password last changed, and whether two-factor sign-in is set up. Passwords, authenticator secrets and recovery codes are kept only in a form nobody can read back, so they are never included." },
  { key: "sessions", title: "Sign-in sessions", explanation: "When each session on this portal started, was last used and ends. The session keys themselves are never included." },
  { key: "signInAttempts", title: "Sign-in attempts", explanation: "Each time someone tried to sign in with your email address, and whether it worked. These protect your account from password guessing." },
  { key: "passwordResets", title: "Password reset requests", explanation: "When a password reset link was sent to you and whether it was used. The links themselves are never included." },
  { key: "recoveryCodes", title: "Two-factor recovery codes", explanation: "How many recovery codes were made for you and when any were used. The codes are kept only in a form nobody can read back." },
  { key: "invitations", title: "Invitations", explanation: "Invitations sent to your email address to join the portal as staff or to act for an organisation, and invitations you sent. The name and email address of a member of staff you invited are left out: they are about someone else." },
  { key: "organisations", title: "Your organisations", explanation: "The organisations you act for, when you joined, and each organisation's details as they are now, including its contact person, email address, phone number and address." },
  { key: "contactFor", title: "Organisations that name you as their contact", explanation: "Organisations whose details give your email address as their contact, with the contact name and phone number they give." },
  { key: "bids", title: "Bids", explanation: "Bids made by your organisations or started by you: the answers as typed, the bid exactly as submitted (which includes the organisation's contact details at that time), the documents' names (the files themselves can be downloaded from the bid) and, once decisions are released, the decision and feedback." },
  { key: "awards", title: "Grant offers and awards", explanation: "Offers made to your organisations: who accepted them and as what, the bank account's name with its sort code and account number shown only in part, monitoring returns and requests to change an award." },
  { key: "staffWork", title: "Your work as a member of staff", explanation: "Assessments you were given (with your conflict declarations, scores and comments), eligibility checks, moderations and decisions you recorded, returns and changes you reviewed, bank details you confirmed, money you recorded and settings you changed. Bank account details you confirmed are not included: they belong to the organisation." },
  { key: "auditEvents", title: "The audit trail", explanation: "Every recorded action you took, and every recorded action about you, your organisations and their bids and awards. The details of an action you took on someone else's record are left out; the record it was about is named." },
] as const;

export type PersonalDataSourceKey = (typeof PERSONAL_DATA_SOURCES)[number]["key"];

export type PersonalDataPart = { title: string; explanation: string; data: unknown };

/** The downloaded document: what it is, when it was made, whose it is, and its parts. */
export type PersonalData = {
  about: string;
  generatedAt: string;
  person: { email: string; hasAccount: boolean };
  sources: Record<PersonalDataSourceKey, PersonalDataPart>;
};

export const PERSONAL_DATA_ABOUT =
  "Everything the community safety grants portal holds about you, grouped by where it is kept. Times are in UTC (ISO 8601). Amounts of money are in pence. Text marked \"[removed after the retention period]\" was removed when an unsuccessful bid reached the end of its retention period.";

/**
 * How many entries a part holds, for the administrator's summary before downloading: a list counts
 * its items; a group of lists (staff work, invitations, bids) counts the items of all of them; a
 * single record (the account) counts one; nothing counts none.
 */
export function countEntries(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  if (typeof value === "object") {
    const values = Object.values(value as Record<string, unknown>);
    const isGroup = values.every((v) => Array.isArray(v) || (v !== null && typeof v === "object" && !(v instanceof Date)));
    return isGroup ? values.reduce<number>((sum, v) => sum + countEntries(v), 0) : 1;
  }
  return 1;
}
