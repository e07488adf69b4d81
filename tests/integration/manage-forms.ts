/** Valid answers for the configuration forms, as a browser would post them; tests change one thing at a time. */
import { DEFAULT_CRITERIA } from "../../scripts/seed/west-yorkshire";

export type Posted = Record<string, string>;

export function fundForm(overrides: Posted = {}): Posted {
  return {
    name: "Police Property Act Fund",
    slug: "police-property-act-fund",
    code: "PPAF",
    moneySource: "Police (Property) Act 1897",
    description: "Money from property the police could not return to its owner, granted to small community projects.",
    allocationMethod: "competitive",
    defaultMaxAward: "10,000.00",
    ...overrides,
  };
}

export function planForm(overrides: Posted = {}): Posted {
  return {
    name: "Test Police and Crime Plan 2028-32",
    slug: "test-pcp-2028-32",
    area: "West Yorkshire",
    startsOnDay: "1",
    startsOnMonth: "4",
    startsOnYear: "2028",
    endsOnDay: "31",
    endsOnMonth: "3",
    endsOnYear: "2032",
    priorities: "Keeping People Safe\r\nSafer Places and Thriving Communities",
    themes: "Children and Young People\r\nSpotlight: Serious Violence",
    ...overrides,
  };
}

export function criteriaFields(criteria: { name: string; guidance: string; maxScore: number; weight: number }[] = DEFAULT_CRITERIA): Posted {
  const out: Posted = {};
  criteria.forEach((c, i) => {
    out[`criteria.${i}.name`] = c.name;
    out[`criteria.${i}.guidance`] = c.guidance;
    out[`criteria.${i}.maxScore`] = String(c.maxScore);
    out[`criteria.${i}.weight`] = String(c.weight);
  });
  return out;
}

/** A round opening 1 June 2026 09:00 and closing 1 July 2026 17:00, UK time (both BST). */
export function roundForm(ids: { fundId: number; planId: number }, overrides: Posted = {}): Posted {
  return {
    fundId: String(ids.fundId),
    planId: String(ids.planId),
    name: "Grant round 12",
    slug: "gr12",
    code: "GR12",
    summary: "Grants for community projects tackling drug and alcohol harm.",
    eligibility: "Constituted community groups working in West Yorkshire.",
    opensOnDay: "1",
    opensOnMonth: "6",
    opensOnYear: "2026",
    opensTime: "09:00",
    closesOnDay: "1",
    closesOnMonth: "7",
    closesOnYear: "2026",
    closesTime: "17:00",
    budget: "250,000.00",
    maxAward: "£8,000.00",
    deliveryStartsOnDay: "1",
    deliveryStartsOnMonth: "9",
    deliveryStartsOnYear: "2026",
    deliveryEndsOnDay: "31",
    deliveryEndsOnMonth: "8",
    deliveryEndsOnYear: "2027",
    ...criteriaFields(),
    ...overrides,
  };
}

export type Failure = { errors: Record<string, string>; values: Record<string, string> };
