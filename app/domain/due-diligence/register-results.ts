/**
 * What each public register said about an organisation, in the portal's words. The services build
 * these from the registers' own field names; the flag rules, the stored checks and the officers'
 * screen read only these, so a register changing its API touches one service file.
 */

/** The register could not answer (down, too slow, refused our key): the check must be re-run. */
export type Unavailable = { status: "unavailable"; reason: string };
export type NotFound = { status: "not_found" };

export type CharityRecord = {
  number: string;
  name: string;
  /** False once the charity has been removed from the register. */
  registered: boolean;
  registeredOn: string | null;
  removedOn: string | null;
  latestIncomePence: number | null;
  companyNumber: string | null;
};

export type CompanyRecord = {
  number: string;
  name: string;
  /** Companies House's own word: active, dissolved, liquidation, administration ... */
  companyStatus: string;
  /** Companies House's own word, e.g. community-interest-company. */
  companyType: string | null;
  incorporatedOn: string | null;
  ceasedOn: string | null;
};

export type PostcodeRecord = {
  postcode: string;
  district: string | null;
  ward: string | null;
  /** Police force area, e.g. "West Yorkshire"; the area a fund serves is named the same way. */
  policeForceArea: string | null;
};

export type CharityLookup = ({ status: "found" } & CharityRecord) | NotFound | Unavailable;
export type CompanyLookup = ({ status: "found" } & CompanyRecord) | NotFound | Unavailable;
export type PostcodeLookup = ({ status: "found" } & PostcodeRecord) | NotFound | Unavailable;

export type RegisterLookup = CharityLookup | CompanyLookup | PostcodeLookup;
