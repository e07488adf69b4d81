/**
 * The West Yorkshire configuration from shared/DOMAIN.md: the Mayor's Safer Communities Fund and the
 * Community Safety Fund, both Police and Crime Plans, reporting tags, districts and the outcomes
 * vocabulary. Nothing here is hard-coded into the app: it is data, loaded like any other.
 */
export const FUNDS = [
  {
    slug: "mayors-safer-communities-fund",
    code: "MSCF",
    name: "Mayor's Safer Communities Fund",
    moneySource: "Proceeds of Crime Act (POCA)",
    description:
      "Money recovered from criminals under the Proceeds of Crime Act, granted to local community groups for projects that make West Yorkshire safer. Groups bid for up to £8,000 in numbered grant rounds.",
    allocationMethod: "competitive" as const,
    defaultMaxAwardPence: 800_000,
  },
  {
    slug: "community-safety-fund",
    code: "CSF",
    name: "Community Safety Fund",
    moneySource: "Police and Crime Commissioner's grant",
    description:
      "Allocated without competition to the five Community Safety Partnerships (Bradford, Calderdale, Kirklees, Leeds and Wakefield), which commission local services and report spend and outcomes against the Police and Crime Plan.",
    allocationMethod: "passported" as const,
    defaultMaxAwardPence: 0,
  },
];

export const PLANS = [
  {
    slug: "west-yorkshire-pcp-2021-24",
    name: "West Yorkshire Police and Crime Plan 2021-24",
    area: "West Yorkshire",
    startsOn: "2021-04-01",
    endsOn: "2024-03-31",
    priorities: [
      "Supporting Victims and Witnesses and Improving Criminal Justice Outcomes",
      "Keeping People Safe and Building Resilience",
      "Safer Places and Thriving Communities",
      "Responding to Multiple and Complex Needs",
    ],
    themes: [] as { name: string; kind: "cross_cutting" | "spotlight" }[],
  },
  {
    slug: "west-yorkshire-pcp-2024-28",
    name: "West Yorkshire Police and Crime Plan 2024-28",
    area: "West Yorkshire",
    startsOn: "2024-04-01",
    endsOn: "2028-03-31",
    priorities: ["Keeping People Safe", "Safer Places and Thriving Communities", "Supporting Victims and Witnesses"],
    themes: [
      { name: "Safety of Women and Girls", kind: "cross_cutting" as const },
      { name: "Effective Response to Men and Boys", kind: "cross_cutting" as const },
      { name: "Children and Young People", kind: "cross_cutting" as const },
      { name: "Reducing Vulnerability", kind: "cross_cutting" as const },
      { name: "Equity, Diversity and Inclusion", kind: "cross_cutting" as const },
      { name: "Serious Violence", kind: "spotlight" as const },
    ],
  },
];

export const REPORTING_TAGS = [
  "Drugs and Alcohol",
  "Serious Violence",
  "Knife Crime",
  "Violence against Women and Girls",
  "Domestic Abuse",
  "Anti-social Behaviour",
  "Exploitation and County Lines",
  "Youth Diversion",
  "Hate Crime",
  "Reoffending",
  "Mental Health",
];

export const DISTRICTS = ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"];

export const OUTCOMES = [
  "Physical health",
  "Mental and emotional wellbeing",
  "Being safe",
  "Healthy relationships",
  "Meaningful use of time",
  "Family, friends and network",
  "Confidence and self esteem",
  "Education and learning",
  "Accommodation sustained",
  "Community involvement",
  "Use of alcohol",
  "Use of drugs",
  "Money and budgeting",
  "Offending",
];

export const IMPACTS = [
  "Reduction in offending",
  "Increased life chances",
  "Protection of the most vulnerable (including exploitation and county lines)",
  "More early intervention",
  "Reduced escalation to harmful use",
  "More confidence and resilience",
  "Fewer deaths",
];

/** The default scoring criteria: weights are percentages and add up to 100. */
export const DEFAULT_CRITERIA = [
  { name: "Alignment with the Police and Crime Plan priorities", guidance: "How clearly the project delivers one or more of the round's plan priorities.", maxScore: 5, weight: 25 },
  { name: "Evidence of need", guidance: "Local evidence that the problem exists and that this project answers it.", maxScore: 5, weight: 20 },
  { name: "Deliverability and organisational capacity", guidance: "A realistic plan, timetable and the people and skills to deliver it.", maxScore: 5, weight: 20 },
  { name: "Value for money", guidance: "Costs are reasonable, necessary and clearly linked to the activities.", maxScore: 5, weight: 15 },
  { name: "Outcomes and how they will be measured", guidance: "Specific target outcomes with numbers, and how the group will know they were achieved.", maxScore: 5, weight: 10 },
  { name: "Safeguarding and risk", guidance: "Safeguarding arrangements and risks understood and managed.", maxScore: 5, weight: 10 },
];

export const MSCF_ELIGIBILITY = [
  "Constituted community groups, registered charities, charitable incorporated organisations, community interest companies, companies limited by guarantee, faith groups, schools and sports clubs working in West Yorkshire can apply.",
  "Projects must benefit people in Bradford, Calderdale, Kirklees, Leeds or Wakefield and deliver at least one priority of the Police and Crime Plan.",
  "You can ask for up to £8,000. Each organisation can make one bid in each round.",
].join("\n");

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_ACCOUNTS = [
  { email: "applicant@example.org", name: "Aisha Khan", role: "applicant" as const, organisation: "Calder Valley Youth Boxing Club" },
  { email: "assessor@example.org", name: "Tom Whitaker", role: "assessor" as const },
  { email: "officer@example.org", name: "Priya Sharma", role: "grants_officer" as const },
  { email: "finance@example.org", name: "Gareth Lloyd", role: "finance" as const },
  { email: "admin@example.org", name: "Helen Booth", role: "admin" as const },
];
