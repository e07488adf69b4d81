/**
 * The grant offer: its standard conditions, when monitoring returns fall due, and what an applicant
 * gives to accept it. Pure rules with no I/O, shared by the browser and the server.
 *
 * Calendar dates are ISO strings ("2027-04-01") and all date arithmetic is done in UTC, so the clock
 * change can never move a due date by a day.
 */
import { z } from "zod";
import { dateFromParts } from "~/domain/config/fields";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, isIsoDate } from "~/domain/time/london";

export const AWARD_STATUSES = ["offered", "accepted", "declined", "closed"] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

export const AWARD_STATUS_LABEL: Record<AwardStatus, string> = {
  offered: "Offer made",
  accepted: "Accepted",
  declined: "Declined",
  closed: "Closed",
};

export const AWARD_STATUS_COLOUR = {
  offered: "blue",
  accepted: "green",
  declined: "grey",
  closed: "grey",
} as const;

// ---- Dates ----

const DAY_MS = 86_400_000;

function isoToUtc(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function utcToIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The same day `months` later; the 31st becomes the month's last day (31 January -> 28 or 29 February). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return utcToIso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
}

/**
 * When monitoring returns fall due: an interim return halfway through the project (rounded down to
 * a whole day) and a final return one month after it ends, time enough to close the books.
 */
export function monitoringDates(startsOn: string, endsOn: string): { interim: string; final: string } {
  if (!isIsoDate(startsOn) || !isIsoDate(endsOn) || endsOn < startsOn) throw new Error(`Not a project period: ${startsOn} to ${endsOn}`);
  const start = isoToUtc(startsOn);
  const days = Math.round((isoToUtc(endsOn) - start) / DAY_MS);
  return { interim: utcToIso(start + Math.floor(days / 2) * DAY_MS), final: addMonthsIso(endsOn, 1) };
}

// ---- Conditions ----

export type OfferTerms = {
  organisationName: string;
  projectTitle: string;
  reference: string;
  fundName: string;
  amountPence: number;
  startsOn: string;
  endsOn: string;
  interimDueOn: string;
  finalDueOn: string;
};

/**
 * The standard conditions, written out in full for each award and stored with it: what the
 * organisation agreed to must not change if the standard wording is improved later.
 */
export function standardConditions(t: OfferTerms): string {
  return [
    `1. Use of the grant. ${t.organisationName} must use this grant of ${formatPence(t.amountPence)} only for the project described in bid ${t.reference} ("${t.projectTitle}"), delivered between ${formatIsoDate(t.startsOn)} and ${formatIsoDate(t.endsOn)}. Any change to the project, its budget or its dates needs our agreement in writing before it is made.`,
    `2. Monitoring. You must send an interim monitoring return by ${formatIsoDate(t.interimDueOn)} and a final monitoring return by ${formatIsoDate(t.finalDueOn)}, reporting the people reached, the outcomes achieved against the targets in your bid, and what was spent on each line of your budget.`,
    "3. Unspent money. You must return any part of the grant not spent on the project by its end date, and any part spent on anything else. We may ask for some or all of the grant back if these conditions are not kept or if the bid was not accurate.",
    "4. Records. You must keep receipts and records of what the grant was spent on for 6 years after the project ends, and show them to us when asked.",
    "5. Safeguarding. You must keep your safeguarding policy and checks in place for everyone working with children or adults at risk throughout the project.",
    `6. Acknowledging the funder. You must acknowledge the ${t.fundName} in anything you publish about the project, and tell us before any press release about it.`,
    "7. Bank details. You must tell us at once if your bank details change. We will confirm any change with you before we make a payment.",
  ].join("\n");
}

// ---- Accepting the offer ----

export const DECLARATIONS = [
  { value: "authority", text: "I am authorised to accept this grant on behalf of the organisation" },
  { value: "conditions", text: "I have read the grant conditions and the organisation agrees to keep them" },
  { value: "purpose", text: "The grant will be spent only on the project described in the bid" },
  { value: "repay", text: "The organisation will return any money not spent on the project, or spent on anything else" },
] as const;

const DECLARATION_VALUES: readonly string[] = DECLARATIONS.map((d) => d.value);

const text = (enter: string, label: string, max: number) =>
  z
    .string({ required_error: `Enter ${enter}` })
    .trim()
    .min(1, `Enter ${enter}`)
    .max(max, `${label} must be ${max} characters or fewer`);

const signatoryName = text("the full name of the person accepting the offer", "Full name", 140);
const signatoryRole = text("their role in the organisation", "Role", 100);

export type Acceptance = { signatoryName: string; signatoryRole: string; acceptedOn: string; declarations: string[] };

/**
 * The acceptance form. `today` is the UK date now and `offeredOn` the UK date the offer was made:
 * the date accepted may be neither in the future nor before there was an offer to accept.
 */
export const acceptanceSchema = ({ today, offeredOn }: { today: string; offeredOn: string }) =>
  z.record(z.unknown()).transform((values, ctx): Acceptance => {
    let failed = false;
    const issue = (path: string, message: string) => {
      failed = true;
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const name = signatoryName.safeParse(values.signatoryName ?? "");
    if (!name.success) issue("signatoryName", name.error.issues[0].message);
    const role = signatoryRole.safeParse(values.signatoryRole ?? "");
    if (!role.success) issue("signatoryRole", role.error.issues[0].message);

    const acceptedOn = dateFromParts(values, "acceptedOn");
    if (acceptedOn === undefined) issue("acceptedOn", "Enter the date the offer was accepted");
    else if (acceptedOn === "invalid") issue("acceptedOn", "Date accepted must be a real date");
    else if (acceptedOn > today) issue("acceptedOn", "Date accepted must be today or in the past");
    else if (acceptedOn < offeredOn) issue("acceptedOn", `Date accepted must be on or after ${formatIsoDate(offeredOn)}, the date of the offer`);

    const ticked = values.declarations === undefined ? [] : Array.isArray(values.declarations) ? values.declarations.map(String) : [String(values.declarations)];
    // Every declaration is required: accepting with one unticked would accept conditions nobody agreed to.
    if (!DECLARATION_VALUES.every((d) => ticked.includes(d)) || !ticked.every((d) => DECLARATION_VALUES.includes(d))) {
      issue("declarations", "Confirm all the declarations to accept the offer");
    }
    if (failed || !name.success || !role.success || !acceptedOn || acceptedOn === "invalid") return z.NEVER;
    return { signatoryName: name.data, signatoryRole: role.data, acceptedOn, declarations: [...DECLARATION_VALUES] };
  });

/** GOV.UK links a date's error to its first box. */
export const ACCEPTANCE_FIELD_IDS = { acceptedOn: "acceptedOnDay" };

export const declineSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(1000, "Why you are declining must be 1,000 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
});
