/**
 * The three public registers, as msw handlers at their real default addresses, answering with the
 * registers' real field names. What each value gives:
 *
 * Charity Commission (GET /register/api/allcharitydetailsV2/{number}/0, key TEST_KEYS.charityCommission)
 *   1000001  registered: "Leeds Community Safety Trust", latest income £48,250.50, company 01000001
 *   1000002  removed (reg_status "RM", removed 30 September 2023): "Bradford Youth Boxing Club"
 *   1000204  200 with an empty body (how the register may answer a number it does not know)
 *   1000404  404 not found
 *   1000500  500 server error
 *   1000999  never answers (times out)
 *   A missing or wrong key: 401.
 *
 * Companies House (GET /company/{number}, basic auth with TEST_KEYS.companiesHouse as user name)
 *   01000001  active: "LEEDS COMMUNITY SAFETY TRUST LIMITED" (private-limited-guarant-nsc)
 *   01000002  dissolved 31 March 2024: "KIRKLEES KNIFE CRIME AWARENESS LTD"
 *   01000003  in liquidation: "CALDERDALE MENTORING CIC" (community-interest-company)
 *   01000004  active: "WAKEFIELD WOMEN'S CENTRE C.I.C." (community-interest-company)
 *   01000404  404 not found
 *   01000500  500 server error
 *   01000999  never answers (times out)
 *   A missing or wrong key: 401.
 *
 * postcodes.io (GET /postcodes/{postcode}; spaces and case do not matter)
 *   LS1 1UR   Leeds, Little London & Woodhouse, police force area West Yorkshire
 *   M1 1AE    Manchester, Piccadilly, police force area Greater Manchester
 *   ZZ99 9ZZ  404 "Postcode not found"
 *   ER5 0RR   500 server error
 *   TI1 0UT   never answers (times out)
 *
 * Any other value has no handler, so the request fails and the test with it: a test cannot lean on
 * an answer nobody wrote down here.
 *
 * Tests that want a register to "recover" add `charityFound`, `companyFound` or `postcodeFound`
 * for the failing value with `mockServer.use(...)`.
 */
import { delay, http, HttpResponse, type RequestHandler } from "msw";

export const REGISTER_URLS = {
  charityCommission: "https://api.charitycommission.gov.uk/register/api",
  companiesHouse: "https://api.company-information.service.gov.uk",
  postcodes: "https://api.postcodes.io",
} as const;

/** The keys a test must put in CHARITY_COMMISSION_API_KEY and COMPANIES_HOUSE_API_KEY. */
export const TEST_KEYS = {
  charityCommission: "test-charity-commission-key",
  companiesHouse: "test-companies-house-key",
} as const;

type Charity = { name: string; status?: "R" | "RM"; removedOn?: string; income?: number; companyNumber?: string };

export function charityDetails(number: string, c: Charity) {
  return {
    organisation_number: Number(number) + 5_000_000,
    reg_charity_number: Number(number),
    group_subsid_suffix: 0,
    charity_name: c.name,
    charity_type: "Charitable company",
    reg_status: c.status ?? "R",
    date_of_registration: "2005-04-12T00:00:00",
    date_of_removal: c.removedOn ? `${c.removedOn}T00:00:00` : null,
    latest_income: c.income ?? 12000,
    latest_expenditure: 11000,
    charity_co_reg_number: c.companyNumber ?? null,
    address_post_code: "LS1 1UR",
  };
}

type Company = { name: string; status?: string; type?: string; ceasedOn?: string };

export function companyProfile(number: string, c: Company) {
  return {
    company_number: number,
    company_name: c.name,
    company_status: c.status ?? "active",
    type: c.type ?? "private-limited-guarant-nsc",
    date_of_creation: "2005-03-01",
    ...(c.ceasedOn ? { date_of_cessation: c.ceasedOn } : {}),
    jurisdiction: "england-wales",
    registered_office_address: { address_line_1: "1 Park Row", locality: "Leeds", postal_code: "LS1 1UR" },
  };
}

type Place = { postcode: string; district: string; ward: string; pfa: string };

export function postcodeResult(p: Place) {
  return {
    status: 200,
    result: { postcode: p.postcode, country: "England", admin_district: p.district, admin_ward: p.ward, pfa: p.pfa, region: null },
  };
}

const charityUrl = (number: string) => `${REGISTER_URLS.charityCommission}/allcharitydetailsV2/${number}/:suffix`;
const companyUrl = (number: string) => `${REGISTER_URLS.companiesHouse}/company/${number}`;
const compact = (postcode: string) => postcode.replace(/\s+/g, "").toUpperCase();

function keyRefused(request: Request, register: "charityCommission" | "companiesHouse"): Response | undefined {
  if (register === "charityCommission") {
    if (request.headers.get("Ocp-Apim-Subscription-Key") === TEST_KEYS.charityCommission) return undefined;
    return HttpResponse.json({ statusCode: 401, message: "Access denied due to missing subscription key." }, { status: 401 });
  }
  const expected = `Basic ${Buffer.from(`${TEST_KEYS.companiesHouse}:`).toString("base64")}`;
  if (request.headers.get("Authorization") === expected) return undefined;
  return HttpResponse.json({ error: "Invalid Authorization", type: "ch:service" }, { status: 401 });
}

export const charityFound = (number: string, c: Charity) =>
  http.get(charityUrl(number), ({ request }) => keyRefused(request, "charityCommission") ?? HttpResponse.json(charityDetails(number, c)));

export const companyFound = (number: string, c: Company) =>
  http.get(companyUrl(number), ({ request }) => keyRefused(request, "companiesHouse") ?? HttpResponse.json(companyProfile(number, c)));

export const postcodeFound = (p: Place) =>
  http.get(`${REGISTER_URLS.postcodes}/postcodes/:postcode`, ({ params }) =>
    compact(String(params.postcode)) === compact(p.postcode) ? HttpResponse.json(postcodeResult(p)) : undefined,
  );

const serverError = () => new HttpResponse("Internal Server Error", { status: 500, headers: { "Content-Type": "text/plain" } });

async function neverAnswers(): Promise<Response> {
  await delay("infinite");
  return serverError();
}

const charityHandlers = [
  charityFound("1000001", { name: "Leeds Community Safety Trust", income: 48250.5, companyNumber: "01000001" }),
  charityFound("1000002", { name: "Bradford Youth Boxing Club", status: "RM", removedOn: "2023-09-30" }),
  http.get(charityUrl("1000204"), ({ request }) => keyRefused(request, "charityCommission") ?? new HttpResponse(null, { status: 200 })),
  http.get(charityUrl("1000500"), ({ request }) => keyRefused(request, "charityCommission") ?? serverError()),
  http.get(charityUrl("1000999"), ({ request }) => keyRefused(request, "charityCommission") ?? neverAnswers()),
  http.get(charityUrl("1000404"), ({ request }) => keyRefused(request, "charityCommission") ?? new HttpResponse(null, { status: 404 })),
];

const companyHandlers = [
  companyFound("01000001", { name: "LEEDS COMMUNITY SAFETY TRUST LIMITED" }),
  companyFound("01000002", { name: "KIRKLEES KNIFE CRIME AWARENESS LTD", status: "dissolved", ceasedOn: "2024-03-31" }),
  companyFound("01000003", { name: "CALDERDALE MENTORING CIC", status: "liquidation", type: "community-interest-company" }),
  companyFound("01000004", { name: "WAKEFIELD WOMEN'S CENTRE C.I.C.", type: "community-interest-company" }),
  http.get(companyUrl("01000500"), ({ request }) => keyRefused(request, "companiesHouse") ?? serverError()),
  http.get(companyUrl("01000999"), ({ request }) => keyRefused(request, "companiesHouse") ?? neverAnswers()),
  http.get(
    companyUrl("01000404"),
    ({ request }) =>
      keyRefused(request, "companiesHouse") ??
      HttpResponse.json({ errors: [{ error: "company-profile-not-found", type: "ch:service" }] }, { status: 404 }),
  ),
];

const postcodeHandlers = [
  postcodeFound({ postcode: "LS1 1UR", district: "Leeds", ward: "Little London & Woodhouse", pfa: "West Yorkshire" }),
  postcodeFound({ postcode: "M1 1AE", district: "Manchester", ward: "Piccadilly", pfa: "Greater Manchester" }),
  http.get(`${REGISTER_URLS.postcodes}/postcodes/:postcode`, ({ params }) => {
    const postcode = compact(String(params.postcode));
    if (postcode === "ZZ999ZZ") return HttpResponse.json({ status: 404, error: "Postcode not found" }, { status: 404 });
    if (postcode === "ER50RR") return serverError();
    if (postcode === "TI10UT") return neverAnswers();
    return undefined;
  }),
];

export const registerHandlers: RequestHandler[] = [...charityHandlers, ...companyHandlers, ...postcodeHandlers];
