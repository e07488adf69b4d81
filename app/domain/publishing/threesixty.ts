/**
 * Awards as 360Giving grants (Data Standard 1.4). Pure: the models read the rows, this decides what
 * the public sees. Only what the standard needs and the public may know leaves here: no people,
 * no contact details, no addresses, no bank details.
 */
import { neutraliseCell as neutralise } from "~/domain/finance/export";
import { penceToInput } from "~/domain/money/money";
import { instantToLondonWallClock } from "~/domain/time/london";

/** One released award, as read for publication. Money is still integer pence. */
export type PublishedAward = {
  awardId: number;
  reference: string;
  projectTitle: string;
  summary: string | null;
  amountPence: number;
  releasedAt: Date;
  startsOn: string;
  endsOn: string;
  organisation: { id: number; name: string; charityNumber: string | null; companyNumber: string | null };
  fund: { slug: string; code: string; name: string; openCall: boolean };
  round: { id: number; code: string; name: string };
  priorities: { id: number; name: string }[];
  tags: { slug: string; name: string }[];
  districts: { slug: string; name: string }[];
};

/** Who publishes: the 360Giving prefix (360G-...), the funder's organisation id and name. */
export type Publisher = { prefix: string; funderId?: string; funderName: string };

type Organisation = { id: string; name: string; charityNumber?: string; companyNumber?: string };
type Classification = { vocabulary: string; code: string; title: string };

export type ThreeSixtyGrant = {
  id: string;
  title: string;
  description: string;
  currency: "GBP";
  amountAwarded: number;
  awardDate: string;
  plannedDates: { startDate: string; endDate: string }[];
  recipientOrganization: Organisation[];
  fundingOrganization: { id: string; name: string }[];
  grantProgramme: { code: string; title: string }[];
  fromOpenCall: "Yes" | "No";
  beneficiaryLocation?: { name: string; countryCode: "GB" }[];
  classifications?: Classification[];
};

/**
 * Pounds as the standard wants them, a plain number. Made by reading the exact decimal text of the
 * pence ("208254.93"), so the number is the one nearest that decimal and prints back as it.
 */
export function poundsFromPence(pence: number): number {
  if (!Number.isSafeInteger(pence)) throw new Error(`Not a whole number of pence: ${pence}`);
  return Number(penceToInput(pence));
}

/**
 * The recipient's organisation identifier (org-id.guide): a registered charity by its number in
 * England and Wales, else a company by its Companies House number, else our own id under our prefix.
 * The charity comes first because 360Giving joins charities' data on it.
 */
export function recipientOrgId(org: PublishedAward["organisation"], prefix: string): string {
  const charity = org.charityNumber?.trim();
  if (charity) return `GB-CHC-${charity}`;
  const company = org.companyNumber?.trim().toUpperCase();
  if (company) return `GB-COH-${company}`;
  return `${prefix}-org-${org.id}`;
}

export const funderOrgId = (publisher: Publisher) => publisher.funderId || publisher.prefix;

export const grantId = (prefix: string, reference: string) => `${prefix}-${reference}`;

/** The vocabularies are ours, so they carry our prefix: codes mean nothing outside this portal. */
export const vocabularies = (prefix: string) => ({ priority: `${prefix}-plan-priority`, tag: `${prefix}-reporting-tag` });

export function toGrant(award: PublishedAward, publisher: Publisher): ThreeSixtyGrant {
  const { organisation: org } = award;
  const recipient: Organisation = { id: recipientOrgId(org, publisher.prefix), name: org.name };
  if (org.charityNumber) recipient.charityNumber = org.charityNumber;
  if (org.companyNumber) recipient.companyNumber = org.companyNumber;
  const vocab = vocabularies(publisher.prefix);
  const classifications: Classification[] = [
    ...award.priorities.map((p) => ({ vocabulary: vocab.priority, code: String(p.id), title: p.name })),
    ...award.tags.map((t) => ({ vocabulary: vocab.tag, code: t.slug, title: t.name })),
  ];
  const grant: ThreeSixtyGrant = {
    id: grantId(publisher.prefix, award.reference),
    title: award.projectTitle,
    // The standard requires a description; a bid without a summary falls back to its title.
    description: award.summary?.trim() || award.projectTitle,
    currency: "GBP",
    amountAwarded: poundsFromPence(award.amountPence),
    // The day decisions were released is the day the award was made public, in UK time.
    awardDate: instantToLondonWallClock(award.releasedAt).date,
    plannedDates: [{ startDate: award.startsOn, endDate: award.endsOn }],
    recipientOrganization: [recipient],
    fundingOrganization: [{ id: funderOrgId(publisher), name: publisher.funderName }],
    grantProgramme: [{ code: `${award.fund.code}-${award.round.code}`, title: `${award.fund.name}: ${award.round.name}` }],
    fromOpenCall: award.fund.openCall ? "Yes" : "No",
  };
  if (award.districts.length) grant.beneficiaryLocation = award.districts.map((d) => ({ name: d.name, countryCode: "GB" }));
  if (classifications.length) grant.classifications = classifications;
  return grant;
}

/** How many of each repeated item the widest grant has, so a CSV's header fits every row. */
export type CsvWidths = { locations: number; classifications: number };

/**
 * 360Giving's spreadsheet titles. A list's first item takes the template's plain title
 * ("Beneficiary Location:Name"); further items are numbered ("Beneficiary Location:1:Name"), as
 * the standard's flattening tool reads them.
 */
const listTitle = (list: string, index: number, field: string) => (index === 0 ? `${list}:${field}` : `${list}:${index}:${field}`);

export function csvHeader(widths: CsvWidths): string[] {
  const header = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "From An Open Call?",
  ];
  for (let i = 0; i < Math.max(1, widths.locations); i++) header.push(listTitle("Beneficiary Location", i, "Name"), listTitle("Beneficiary Location", i, "Country Code"));
  for (let i = 0; i < widths.classifications; i++) header.push(...["Vocabulary", "Code", "Title"].map((f) => listTitle("Classifications", i, f)));
  return header;
}

/**
 * One grant as a CSV row matching `csvHeader(widths)`. Text that anyone typed is neutralised (a
 * spreadsheet would run "=..." as a formula); the amount is the exact pounds text of the pence.
 */
export function csvRow(grant: ThreeSixtyGrant, amountPence: number, widths: CsvWidths): string[] {
  const [recipient] = grant.recipientOrganization;
  const [funder] = grant.fundingOrganization;
  const [programme] = grant.grantProgramme;
  const [dates] = grant.plannedDates;
  const row = [
    grant.id,
    neutralise(grant.title),
    neutralise(grant.description),
    grant.currency,
    penceToInput(amountPence),
    grant.awardDate,
    dates.startDate,
    dates.endDate,
    recipient.id,
    neutralise(recipient.name),
    recipient.charityNumber ?? "",
    recipient.companyNumber ?? "",
    funder.id,
    neutralise(funder.name),
    programme.code,
    neutralise(programme.title),
    grant.fromOpenCall,
  ];
  const locations = grant.beneficiaryLocation ?? [];
  for (let i = 0; i < Math.max(1, widths.locations); i++) row.push(locations[i] ? neutralise(locations[i].name) : "", locations[i]?.countryCode ?? "");
  const classifications = grant.classifications ?? [];
  for (let i = 0; i < widths.classifications; i++) {
    const c = classifications[i];
    row.push(c?.vocabulary ?? "", c ? neutralise(c.code) : "", c ? neutralise(c.title) : "");
  }
  return row;
}

/** The package's own description: what it is, who publishes it, and where it lives. */
export function packageMetadata(fund: { slug: string; code: string; name: string }, publisher: Publisher, publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    version: "1.4",
    title: `${fund.name}: grants awarded`,
    identifier: `${publisher.prefix}-${fund.code}`,
    publisher: { identifier: funderOrgId(publisher), name: publisher.funderName },
    downloadURL: `${base}/funds/${encodeURIComponent(fund.slug)}/360giving.json`,
    accessURL: `${base}/funded?fund=${encodeURIComponent(fund.slug)}`,
  };
}
