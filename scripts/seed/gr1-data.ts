/**
 * Grant round GR1 of the Mayor's Safer Communities Fund as the record tells it (shared/DOMAIN.md):
 * awarded on 1 March 2022, 39 projects for £208,254.93, of which 11 Drugs and Alcohol projects for
 * £62,468.41. The published figures are totals only, so the award amounts below are a fixed list
 * chosen to add up to them exactly (tests/unit/gr1-figures.test.ts checks it). Every organisation,
 * project and person here is invented; nothing is about a real group or person.
 *
 * Pure data, no database: scripts/seed/gr1.ts writes it.
 */
import type { ORGANISATION_TYPES } from "#db/schema";

export const GR1_PUBLISHED = {
  awards: 39,
  totalPence: 20_825_493,
  drugsAndAlcoholAwards: 11,
  drugsAndAlcoholPence: 6_246_841,
  maxAwardPence: 800_000,
} as const;

/** The 11 Drugs and Alcohol awards, in the order of DRUGS_AND_ALCOHOL_PROJECTS. */
export const GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE = [800_000, 750_000, 600_000, 475_000, 799_500, 520_000, 348_000, 612_575, 450_000, 691_766, 200_000];

/** The other 28 awards, in the order of OTHER_FUNDED_PROJECTS. */
export const GR1_OTHER_AWARDS_PENCE = [
  800_000, 500_000, 725_000, 398_000, 654_000, 650_000, 280_000, 560_000, 745_050, 425_000, 799_999, 612_000, 300_000, 480_000, 375_000, 550_000, 395_000, 672_500, 250_000,
  600_000, 449_500, 760_000, 508_000, 325_000, 490_000, 615_000, 350_000, 309_603,
];

export type District = "Bradford" | "Calderdale" | "Kirklees" | "Leeds" | "Wakefield";
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type AgeGroup = "under_11" | "11_17" | "18_25" | "26_64" | "65_plus";

/** What a project is about: it picks the wording of its need, activities, outcomes, budget and return. */
export type Focus = "recovery" | "youth" | "violence" | "women" | "domestic" | "neighbourhood" | "hate" | "victims" | "exploitation" | "reoffending" | "wellbeing" | "older";

export type Gr1Project = {
  organisation: string;
  type: OrganisationType;
  district: District;
  town: string;
  /** Outward code only; the seed makes up the rest. */
  postcodeArea: string;
  wards: string;
  title: string;
  summary: string;
  focus: Focus;
  /** Reporting tag names. */
  tags: string[];
  /** Positions (1-4) of the 2021-24 Police and Crime Plan's priorities. */
  priorities: number[];
  ages: AgeGroup[];
  people: number;
};

export type FundedProject = Gr1Project & {
  /** Only for a part award: what was asked for, more than the award, and why the panel gave less. */
  partOf?: { requestedPence: number; reason: string };
  /** 75% on acceptance and the balance once the final return is accepted, instead of all at once. */
  instalments?: boolean;
  /** Grant not spent, reported on the final return. */
  underspendPence?: number;
  /** No final return yet: shows as overdue on the officers' and finance's pages. */
  noFinalReturn?: boolean;
  /** Assessors disagreed by more than the threshold and the panel moderated the score. */
  moderated?: { score: number; reason: string };
};

export type UnsuccessfulProject = Gr1Project & { requestedPence: number } & (
    | { reasonCode: "score_below_threshold" | "weak_alignment" | "value_for_money" | "duplication"; feedback: string; moderated?: { score: number; reason: string } }
    | { ineligible: string }
  );

const DA = "Drugs and Alcohol";
const ASB = "Anti-social Behaviour";
const YD = "Youth Diversion";
const VAWG = "Violence against Women and Girls";
const DOM = "Domestic Abuse";
const MH = "Mental Health";
const KC = "Knife Crime";
const SV = "Serious Violence";
const ECL = "Exploitation and County Lines";
const HC = "Hate Crime";
const RO = "Reoffending";

export const DRUGS_AND_ALCOHOL_PROJECTS: FundedProject[] = [
  { organisation: "Aire Valley Recovery Café", type: "cio", district: "Bradford", town: "Keighley", postcodeArea: "BD21", wards: "Keighley Central, Keighley East", title: "Recovery café evenings", summary: "Three evening recovery cafés a week in Keighley town centre, run by volunteers in recovery, offering peer support, a hot meal and a way into treatment for people cutting down on drink or drugs.", focus: "recovery", tags: [DA, MH], priorities: [4], ages: ["18_25", "26_64"], people: 120 },
  { organisation: "Hebble Brook Mutual Aid Network", type: "constituted_group", district: "Calderdale", town: "Halifax", postcodeArea: "HX1", wards: "Park, Town", title: "Peer recovery walking groups", summary: "Weekly walking groups across Halifax led by trained peer mentors, for people in recovery from alcohol and drug use who want company, routine and a reason to stay well.", focus: "recovery", tags: [DA, MH], priorities: [4, 2], ages: ["26_64", "65_plus"], people: 80, instalments: true },
  { organisation: "Chapeltown Recovery Workshop", type: "registered_charity", district: "Leeds", town: "Leeds", postcodeArea: "LS7", wards: "Chapel Allerton, Little London and Woodhouse", title: "Getting there: transport to recovery", summary: "Bus passes and a volunteer driver so that men in recovery who are homeless or vulnerably housed can get to mutual aid meetings, appointments and voluntary placements across Leeds.", focus: "recovery", tags: [DA], priorities: [4], ages: ["26_64"], people: 45, underspendPence: 12_550 },
  { organisation: "Spen Valley Family Support", type: "community_interest_company", district: "Kirklees", town: "Cleckheaton", postcodeArea: "BD19", wards: "Cleckheaton, Liversedge and Gomersal", title: "Hidden harm: children of drinking parents", summary: "Small-group sessions and one-to-one support for children aged 8 to 16 living with a parent's drinking or drug use, with a parallel course for the parent.", focus: "recovery", tags: [DA, DOM], priorities: [2, 4], ages: ["under_11", "11_17"], people: 36 },
  { organisation: "Westgate Night Welfare Volunteers", type: "faith_group", district: "Wakefield", town: "Wakefield", postcodeArea: "WF1", wards: "Wakefield East, Wakefield North", title: "Night-time welfare point", summary: "A staffed welfare point on Friday and Saturday nights in Wakefield city centre, helping people who are drunk, spiked or vulnerable get home safely.", focus: "recovery", tags: [DA, VAWG], priorities: [3, 2], ages: ["18_25", "26_64"], people: 600 },
  { organisation: "Batley and Dewsbury Youth Link", type: "registered_charity", district: "Kirklees", town: "Dewsbury", postcodeArea: "WF13", wards: "Dewsbury East, Dewsbury West, Batley East", title: "Straight talk: drug education for teenagers", summary: "Workshops in four secondary schools and two youth clubs about drugs, alcohol and the ways young people are drawn into dealing, led by youth workers and people with lived experience.", focus: "exploitation", tags: [DA, YD, ECL], priorities: [2], ages: ["11_17"], people: 900 },
  { organisation: "Pontefract Recovery Allotment Group", type: "constituted_group", district: "Wakefield", town: "Pontefract", postcodeArea: "WF8", wards: "Pontefract North, Pontefract South", title: "Growing recovery", summary: "Twice-weekly allotment sessions for people in recovery, growing food for a local pantry and building the routine and friendships that keep people well.", focus: "recovery", tags: [DA, MH], priorities: [4], ages: ["26_64", "65_plus"], people: 30 },
  { organisation: "Manningham Community Health Collective", type: "community_interest_company", district: "Bradford", town: "Bradford", postcodeArea: "BD8", wards: "Manningham, Toller", title: "Talking about drinking: family support in community languages", summary: "Confidential support in Urdu, Punjabi and English for families worried about a relative's alcohol or drug use, with sessions held in community centres and at home.", focus: "recovery", tags: [DA], priorities: [4, 1], ages: ["18_25", "26_64"], people: 70 },
  { organisation: "Harehills Youth Sports Association", type: "constituted_group", district: "Leeds", town: "Leeds", postcodeArea: "LS9", wards: "Gipton and Harehills, Burmantofts and Richmond Hill", title: "Friday night futsal", summary: "Free Friday night futsal for 14 to 19 year olds in Harehills, with coaches trained to talk about alcohol, drugs and staying safe, as an alternative to drinking on the street.", focus: "youth", tags: [DA, ASB, YD], priorities: [3], ages: ["11_17", "18_25"], people: 150, partOf: { requestedPence: 600_000, reason: "The panel funded the sessions and coaching; the kit and the end-of-season trip were not funded." } },
  { organisation: "Todmorden Moorside Trust", type: "cio", district: "Calderdale", town: "Todmorden", postcodeArea: "OL14", wards: "Todmorden", title: "Rural recovery outreach", summary: "An outreach worker and volunteer peer mentors reaching people in the upper Calder Valley who drink or use drugs and are too far from town-centre services to use them.", focus: "recovery", tags: [DA, MH], priorities: [4], ages: ["26_64", "65_plus"], people: 55, underspendPence: 4_000 },
  { organisation: "Castleford Dads' Shed", type: "constituted_group", district: "Wakefield", town: "Castleford", postcodeArea: "WF10", wards: "Airedale and Ferry Fryston, Castleford Central and Glasshoughton", title: "Men's recovery shed", summary: "A weekly woodwork shed for men cutting down on alcohol, with a recovery worker on hand: something to do with their hands and people to talk to.", focus: "recovery", tags: [DA, MH], priorities: [4], ages: ["26_64", "65_plus"], people: 20, noFinalReturn: true },
];

export const OTHER_FUNDED_PROJECTS: FundedProject[] = [
  { organisation: "Bradford Women's Night Safety Collective", type: "cio", district: "Bradford", town: "Bradford", postcodeArea: "BD1", wards: "City, Little Horton", title: "Safe routes home", summary: "Women and girls map the places in Bradford city centre where they feel unsafe at night; we take the findings to the council, bus operators and venues and train venue staff to respond.", focus: "women", tags: [VAWG], priorities: [3, 2], ages: ["18_25", "26_64"], people: 400, instalments: true, underspendPence: 31_275 },
  { organisation: "Lower Wortley Residents' Association", type: "constituted_group", district: "Leeds", town: "Leeds", postcodeArea: "LS12", wards: "Farnley and Wortley", title: "Alleyway clean-up and gating", summary: "Residents clear and gate three alleyways used for drug dealing and fly-tipping, with monthly community clean-up days to keep them clear.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64", "65_plus"], people: 350 },
  { organisation: "Colne Valley Survivors' Network", type: "registered_charity", district: "Kirklees", town: "Slaithwaite", postcodeArea: "HD7", wards: "Colne Valley, Golcar", title: "Peer support for survivors of domestic abuse", summary: "Weekly peer support groups and a buddy scheme for women who have left abusive relationships, led by trained survivors, with a crèche.", focus: "domestic", tags: [DOM, VAWG], priorities: [1], ages: ["18_25", "26_64"], people: 48 },
  { organisation: "Eastmoor Community Boxing Club", type: "constituted_group", district: "Wakefield", town: "Wakefield", postcodeArea: "WF1", wards: "Wakefield East", title: "Box clever", summary: "Boxing sessions three nights a week with mentoring for young people at risk of violence, including a course on knife crime and its consequences.", focus: "violence", tags: [YD, SV, KC], priorities: [2], ages: ["11_17", "18_25"], people: 90 },
  { organisation: "Halifax New Neighbours Welcome", type: "cio", district: "Calderdale", town: "Halifax", postcodeArea: "HX1", wards: "Park, Warley", title: "Community champions against hate", summary: "Training 20 community champions from refugee and migrant communities to recognise and report hate crime, and to support neighbours who have been targeted.", focus: "hate", tags: [HC], priorities: [1, 3], ages: ["18_25", "26_64"], people: 260 },
  { organisation: "Seacroft Youth Theatre", type: "community_interest_company", district: "Leeds", town: "Leeds", postcodeArea: "LS14", wards: "Killingbeck and Seacroft", title: "Cut short: a play about knife crime", summary: "Young people write and tour a play about knife crime to eight secondary schools, followed by workshops on how to step away from violence.", focus: "violence", tags: [KC, SV, YD], priorities: [2], ages: ["11_17"], people: 1_600 },
  { organisation: "Holmfirth Rural Watch Association", type: "constituted_group", district: "Kirklees", town: "Holmfirth", postcodeArea: "HD9", wards: "Holme Valley North, Holme Valley South", title: "Rural crime prevention kits", summary: "Marking kits, trail cameras and advice sessions for farms and rural households hit by theft of machinery, fuel and livestock.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64", "65_plus"], people: 300 },
  { organisation: "Bierley Young Men's Project", type: "company_limited_by_guarantee", district: "Bradford", town: "Bradford", postcodeArea: "BD4", wards: "Bowling and Barkerend, Tong", title: "Stepping up: mentoring young men", summary: "One-to-one mentoring by trained local men for 16 to 21 year olds who are being drawn towards exploitation, violence or dealing.", focus: "exploitation", tags: [ECL, SV, YD], priorities: [2, 4], ages: ["11_17", "18_25"], people: 40, moderated: { score: 7_000, reason: "The second assessor had not seen the referral agreement with the youth offending team, which answers their doubts about reaching the right young men. The panel agreed 70%." } },
  { organisation: "Calder Valley Witness Friends", type: "constituted_group", district: "Calderdale", town: "Sowerby Bridge", postcodeArea: "HX6", wards: "Sowerby Bridge, Ryburn", title: "Court companions", summary: "Volunteer companions who meet witnesses and victims before their court date, visit the court with them and sit with them on the day.", focus: "victims", tags: [], priorities: [1], ages: ["18_25", "26_64", "65_plus"], people: 110 },
  { organisation: "Ossett Tenants' Hall Committee", type: "constituted_group", district: "Wakefield", town: "Ossett", postcodeArea: "WF5", wards: "Ossett", title: "Friday youth club reopened", summary: "Reopening the tenants' hall youth club on Friday nights with two paid youth workers and volunteers, where complaints of anti-social behaviour are highest.", focus: "youth", tags: [ASB, YD], priorities: [3], ages: ["11_17"], people: 75 },
  { organisation: "Sign Safe Yorkshire", type: "community_interest_company", district: "Leeds", town: "Leeds", postcodeArea: "LS2", wards: "Little London and Woodhouse, Hunslet and Riverside", title: "Reporting crime in British Sign Language", summary: "Deaf-led workshops and BSL videos so that Deaf people know how to report hate crime and other crime, and a pilot of interpreter-supported reporting sessions.", focus: "hate", tags: [HC], priorities: [1], ages: ["18_25", "26_64", "65_plus"], people: 220 },
  { organisation: "Girlington Mothers' Circle", type: "constituted_group", district: "Bradford", town: "Bradford", postcodeArea: "BD8", wards: "Toller, Manningham", title: "Spotting grooming: workshops for parents", summary: "Workshops for mothers on how children are groomed online and in person for sexual and criminal exploitation, and where to turn for help.", focus: "exploitation", tags: [ECL, VAWG], priorities: [2], ages: ["26_64"], people: 160 },
  { organisation: "Brighouse Cycle Security Group", type: "constituted_group", district: "Calderdale", town: "Brighouse", postcodeArea: "HD6", wards: "Brighouse, Rastrick", title: "Bike marking and secure storage", summary: "Free bike marking events and two secure cycle shelters at the station and the leisure centre, where most bikes in Brighouse are stolen.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["11_17", "18_25", "26_64"], people: 500 },
  { organisation: "Huddersfield Men's Talking Group", type: "cio", district: "Kirklees", town: "Huddersfield", postcodeArea: "HD1", wards: "Newsome, Greenhead", title: "Healthy relationships for men and boys", summary: "A ten-week course for men and older boys about respect, control and healthy relationships, run by trained facilitators in community venues.", focus: "domestic", tags: [DOM, MH], priorities: [2], ages: ["18_25", "26_64"], people: 60 },
  { organisation: "Kippax Youth Hub", type: "company_limited_by_guarantee", district: "Leeds", town: "Kippax", postcodeArea: "LS25", wards: "Garforth and Swillington, Kippax and Methley", title: "Summer evenings detached youth work", summary: "Youth workers out on the streets and parks of Kippax and Garforth four evenings a week through the summer, where young people gather.", focus: "youth", tags: [ASB, YD], priorities: [3], ages: ["11_17"], people: 200, partOf: { requestedPence: 500_000, reason: "The panel funded the summer evening sessions; the autumn half-term programme was not funded." } },
  { organisation: "South Kirkby Youth Kitchen", type: "community_interest_company", district: "Wakefield", town: "South Kirkby", postcodeArea: "WF9", wards: "South Elmsall and South Kirkby", title: "Cook and chat", summary: "Evening cookery sessions for young people who are out on the streets, with a youth worker, a hot meal and a chance to talk.", focus: "youth", tags: [YD, ASB], priorities: [3], ages: ["11_17"], people: 65 },
  { organisation: "Eccleshill Older People's Forum", type: "constituted_group", district: "Bradford", town: "Bradford", postcodeArea: "BD2", wards: "Eccleshill, Idle and Thackley", title: "Doorstep crime and scams awareness", summary: "Talks, home visits and call blockers for older people targeted by doorstep crime and phone scams, delivered by trained older volunteers.", focus: "older", tags: [], priorities: [2], ages: ["65_plus"], people: 300, underspendPence: 800 },
  { organisation: "Ryburn Valley Domestic Abuse Outreach", type: "registered_charity", district: "Calderdale", town: "Ripponden", postcodeArea: "HX6", wards: "Ryburn, Sowerby Bridge", title: "Rural domestic abuse outreach", summary: "An outreach worker for women experiencing domestic abuse in the villages of the Ryburn valley, where isolation and poor transport keep them from help.", focus: "domestic", tags: [DOM, VAWG], priorities: [1, 2], ages: ["18_25", "26_64", "65_plus"], people: 35, instalments: true },
  { organisation: "Thornhill Lees Cricket Club", type: "constituted_group", district: "Kirklees", town: "Dewsbury", postcodeArea: "WF12", wards: "Dewsbury South", title: "Cricket nights", summary: "Free evening cricket coaching and matches for young people in Thornhill Lees, bringing together groups who have been in conflict.", focus: "youth", tags: [YD, ASB], priorities: [3], ages: ["11_17"], people: 85, partOf: { requestedPence: 400_000, reason: "The panel funded the coaching and matches; the new practice nets were not funded." } },
  { organisation: "Armley Restorative Circle", type: "cio", district: "Leeds", town: "Leeds", postcodeArea: "LS12", wards: "Armley, Bramley and Stanningley", title: "Restorative conferences for neighbour disputes", summary: "Trained volunteer facilitators bring neighbours together to resolve disputes and anti-social behaviour before they escalate.", focus: "victims", tags: [RO, ASB], priorities: [1], ages: ["18_25", "26_64", "65_plus"], people: 90, underspendPence: 21_000 },
  { organisation: "Normanton Family Hub Volunteers", type: "constituted_group", district: "Wakefield", town: "Normanton", postcodeArea: "WF6", wards: "Normanton", title: "Parenting teenagers: spotting exploitation", summary: "Courses for parents and carers of teenagers on the signs of county lines and criminal exploitation, with follow-up support from a family worker.", focus: "exploitation", tags: [ECL], priorities: [2], ages: ["26_64"], people: 70 },
  { organisation: "Bradford Moor Interfaith Forum", type: "faith_group", district: "Bradford", town: "Bradford", postcodeArea: "BD3", wards: "Bradford Moor, Bowling and Barkerend", title: "Standing together against hate", summary: "Joint events between mosques, churches and a gurdwara, a hate crime reporting point in each, and volunteers trained to support people who are targeted.", focus: "hate", tags: [HC], priorities: [3, 1], ages: ["18_25", "26_64", "65_plus"], people: 700 },
  { organisation: "Mixenden Youth Partnership", type: "community_interest_company", district: "Calderdale", town: "Halifax", postcodeArea: "HX2", wards: "Illingworth and Mixenden", title: "Youth shelter and outreach", summary: "A youth shelter built with young people in Mixenden, with outreach workers there three evenings a week talking about knives, violence and staying safe.", focus: "violence", tags: [ASB, YD, KC], priorities: [3], ages: ["11_17"], people: 120, noFinalReturn: true },
  { organisation: "Golcar Community Arts", type: "community_interest_company", district: "Kirklees", town: "Golcar", postcodeArea: "HD7", wards: "Golcar", title: "Walls that talk", summary: "Young people design and paint murals on walls that attract graffiti, working with an artist and a youth worker.", focus: "youth", tags: [ASB, YD], priorities: [3], ages: ["11_17"], people: 40 },
  { organisation: "Beeston Hill Tenants' Association", type: "constituted_group", district: "Leeds", town: "Leeds", postcodeArea: "LS11", wards: "Beeston and Holbeck", title: "Safer streets walkabouts", summary: "Monthly night-time walkabouts with residents, the council and neighbourhood police to find and fix poor lighting and hiding places, with women's safety in mind.", focus: "women", tags: [ASB, VAWG], priorities: [3], ages: ["26_64", "65_plus"], people: 250 },
  { organisation: "Featherstone Lads and Dads", type: "constituted_group", district: "Wakefield", town: "Featherstone", postcodeArea: "WF7", wards: "Featherstone", title: "Rugby and respect", summary: "Rugby sessions for boys aged 11 to 16 and their dads, with a course on respect, consent and healthy relationships.", focus: "domestic", tags: [DOM, YD], priorities: [2], ages: ["11_17", "26_64"], people: 50 },
  { organisation: "Saltaire Second Chances", type: "community_interest_company", district: "Bradford", town: "Shipley", postcodeArea: "BD18", wards: "Shipley, Windhill and Wrose", title: "Work mentoring after prison", summary: "Mentoring, CV help and work tasters with local employers for people leaving prison, to help them into work and away from reoffending.", focus: "reoffending", tags: [RO], priorities: [1, 4], ages: ["18_25", "26_64"], people: 25 },
  { organisation: "Rastrick Women's Wellbeing Group", type: "constituted_group", district: "Calderdale", town: "Rastrick", postcodeArea: "HD6", wards: "Rastrick, Brighouse", title: "Peer support for women affected by crime", summary: "A fortnightly peer support group and wellbeing activities for women whose mental health has suffered after being victims of crime.", focus: "wellbeing", tags: [MH, VAWG], priorities: [1], ages: ["18_25", "26_64", "65_plus"], people: 30 },
];

export const UNSUCCESSFUL_PROJECTS: UnsuccessfulProject[] = [
  { organisation: "Wibsey Community Radio", type: "community_interest_company", district: "Bradford", town: "Bradford", postcodeArea: "BD6", wards: "Wibsey, Royds", title: "On air: community safety podcasts", summary: "A series of podcasts about community safety and reporting crime, made by local people and broadcast on the station.", focus: "neighbourhood", tags: [ASB], priorities: [3, 1], ages: ["26_64"], people: 2_000, requestedPence: 780_000, reasonCode: "score_below_threshold", feedback: "The bid did not show who the podcasts would reach or how they would change anything. A smaller pilot with clear listeners and measures would be stronger." },
  { organisation: "Headingley Student Action Group", type: "constituted_group", district: "Leeds", town: "Leeds", postcodeArea: "LS6", wards: "Headingley and Hyde Park", title: "Drink-spiking awareness", summary: "Awareness sessions and testing kits about drink spiking for students and bar staff in Headingley.", focus: "women", tags: [DA, VAWG], priorities: [2], ages: ["18_25"], people: 1_500, requestedPence: 800_000, reasonCode: "duplication", feedback: "The universities and the council's night-time economy team already provide this training and kits in Headingley. We would welcome a bid that fills a gap they do not cover." },
  { organisation: "Luddenden Foot Village Hall Committee", type: "constituted_group", district: "Calderdale", town: "Luddenden Foot", postcodeArea: "HX2", wards: "Luddendenfoot", title: "Village CCTV camera", summary: "A CCTV camera on the village hall to deter vandalism.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64", "65_plus"], people: 900, requestedPence: 800_000, reasonCode: "value_for_money", feedback: "The cost of the camera, installation and five years' monitoring was high for the problem described, and the bid did not show that other options had been tried." },
  { organisation: "Almondbury Junior Football League", type: "constituted_group", district: "Kirklees", town: "Huddersfield", postcodeArea: "HD5", wards: "Almondbury, Dalton", title: "New kit for league teams", summary: "Replacement kit and equipment for twelve junior teams.", focus: "youth", tags: [YD], priorities: [3], ages: ["under_11", "11_17"], people: 180, requestedPence: 500_000, reasonCode: "weak_alignment", feedback: "Kit for teams that already play is valuable but is not itself a community safety project. The bid did not reach young people at risk or link to a plan priority." },
  { organisation: "Horbury Bridge Canal Society", type: "constituted_group", district: "Wakefield", town: "Horbury", postcodeArea: "WF4", wards: "Horbury and South Ossett", title: "Towpath litter picks", summary: "Litter picks and planting along the canal towpath.", focus: "neighbourhood", tags: [], priorities: [3], ages: ["26_64", "65_plus"], people: 60, requestedPence: 250_000, reasonCode: "weak_alignment", feedback: "The bid described environmental improvements without showing a crime or anti-social behaviour problem on the towpath or how the work would make people safer." },
  { organisation: "Bradford Centre Traders' Alliance", type: "company_limited_by_guarantee", district: "Bradford", town: "Bradford", postcodeArea: "BD1", wards: "City", title: "Shop radio scheme", summary: "Radios linking city centre shops to each other and to town centre wardens.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64"], people: 120, requestedPence: 750_000, reasonCode: "value_for_money", feedback: "Most of the cost was for the businesses' own equipment and licences, which members could reasonably share. The benefit to the wider community was not clear." },
  { organisation: "Gipton Martial Arts Academy", type: "community_interest_company", district: "Leeds", town: "Leeds", postcodeArea: "LS9", wards: "Gipton and Harehills", title: "Self-defence for women and girls", summary: "Self-defence classes for women and girls.", focus: "women", tags: [VAWG, YD], priorities: [2], ages: ["11_17", "18_25", "26_64"], people: 100, requestedPence: 680_000, reasonCode: "score_below_threshold", feedback: "The bid did not show how the classes would reach women and girls most at risk, and its outcomes and safeguarding arrangements needed more detail." },
  { organisation: "Northowram Parents' Forum", type: "constituted_group", district: "Calderdale", town: "Northowram", postcodeArea: "HX3", wards: "Northowram and Shelf", title: "Online safety evenings", summary: "Two evening talks for parents about keeping children safe online.", focus: "exploitation", tags: [ECL], priorities: [2], ages: ["26_64"], people: 80, requestedPence: 190_000, reasonCode: "score_below_threshold", feedback: "A worthwhile idea, but the bid gave little evidence of local need and no plan to reach parents beyond those already involved." },
  { organisation: "Heckmondwike Recovery Fellowship", type: "faith_group", district: "Kirklees", town: "Heckmondwike", postcodeArea: "WF16", wards: "Heckmondwike", title: "Recovery drop-in", summary: "A weekly drop-in for people with drink or drug problems.", focus: "recovery", tags: [DA], priorities: [4], ages: ["26_64"], people: 40, requestedPence: 720_000, reasonCode: "score_below_threshold", feedback: "The bid did not show links with local treatment services or how people would be supported safely. We would encourage a new bid once those links are in place.", moderated: { score: 5_200, reason: "The first assessor scored the safeguarding arrangements well before the volunteers' checks were found to be out of date. The panel agreed 52%." } },
  { organisation: "Knottingley Skate Park Users Group", type: "constituted_group", district: "Wakefield", town: "Knottingley", postcodeArea: "WF11", wards: "Knottingley", title: "Skate park floodlights", summary: "Floodlights for the skate park so it can be used in winter evenings.", focus: "youth", tags: [ASB, YD], priorities: [3], ages: ["11_17", "18_25"], people: 250, requestedPence: 800_000, reasonCode: "value_for_money", feedback: "Floodlights are a capital cost for the landowner. The bid did not show the council's agreement or who would pay for running and maintaining them." },
  { organisation: "Keighley Sewing and Sharing Circle", type: "constituted_group", district: "Bradford", town: "Keighley", postcodeArea: "BD21", wards: "Keighley West", title: "Sewing and talking", summary: "Weekly sewing sessions for isolated women.", focus: "wellbeing", tags: [MH], priorities: [1], ages: ["26_64", "65_plus"], people: 25, requestedPence: 240_000, reasonCode: "weak_alignment", feedback: "The sessions would reduce isolation, but the bid did not show how they would reach or support victims of crime, the priority it chose. A wellbeing or health funder may be a better fit." },
  { organisation: "Middleton Park Friends Group", type: "constituted_group", district: "Leeds", town: "Leeds", postcodeArea: "LS10", wards: "Middleton Park", title: "Park volunteer patrols", summary: "Volunteer patrols of the park at weekends.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64", "65_plus"], people: 500, requestedPence: 350_000, reasonCode: "score_below_threshold", feedback: "The bid did not explain how volunteers would be trained and kept safe on patrol, or how the patrols would work with the park rangers and police." },
  { organisation: "Hebden Bridge Youth Music Collective", type: "community_interest_company", district: "Calderdale", town: "Hebden Bridge", postcodeArea: "HX7", wards: "Calder", title: "Beats not blades", summary: "Music production sessions for young people at risk of knife crime.", focus: "violence", tags: [YD, KC], priorities: [2], ages: ["11_17"], people: 30, requestedPence: 640_000, reasonCode: "score_below_threshold", feedback: "The bid did not show that knife crime affects young people in the area or how the young people most at risk would be referred." },
  { organisation: "Mirfield Community Minibus", type: "cio", district: "Kirklees", town: "Mirfield", postcodeArea: "WF14", wards: "Mirfield", title: "Minibus replacement", summary: "A contribution to a replacement minibus for community groups.", focus: "older", tags: [], priorities: [3], ages: ["65_plus"], people: 400, requestedPence: 800_000, reasonCode: "value_for_money", feedback: "A contribution to a vehicle is a capital cost outside this round, and the bid did not show a community safety benefit." },
  { organisation: "Agbrigg Families Together", type: "community_interest_company", district: "Wakefield", town: "Wakefield", postcodeArea: "WF1", wards: "Wakefield South", title: "Alcohol awareness for parents", summary: "Sessions for parents about alcohol and teenagers.", focus: "recovery", tags: [DA], priorities: [4], ages: ["26_64"], people: 60, requestedPence: 420_000, reasonCode: "duplication", feedback: "The same sessions are already commissioned across Wakefield through the district's substance misuse service. We suggest talking to them about working together." },
  { organisation: "Laisterdyke Young People's Forum", type: "constituted_group", district: "Bradford", town: "Bradford", postcodeArea: "BD3", wards: "Bradford Moor", title: "Youth forum residential", summary: "A weekend residential for the youth forum.", focus: "youth", tags: [YD], priorities: [3], ages: ["11_17"], people: 16, requestedPence: 310_000, reasonCode: "score_below_threshold", feedback: "The residential would benefit a small group already engaged, and the bid did not show how it would reduce crime or harm in the area." },
  { organisation: "Guardline Patrols", type: "other", district: "Leeds", town: "Pudsey", postcodeArea: "LS28", wards: "Pudsey", title: "Neighbourhood security patrols", summary: "Paid security patrols of residential streets in the evenings.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64"], people: 1_000, requestedPence: 800_000, ineligible: "Guardline Patrols is a private company limited by shares, which cannot apply to this fund: it is for voluntary and community groups." },
  { organisation: "Knaresborough Road Cycling Club", type: "constituted_group", district: "Leeds", town: "Knaresborough", postcodeArea: "HG5", wards: "Knaresborough", title: "Cycle safety for teenagers", summary: "Cycle maintenance and road safety sessions for teenagers.", focus: "youth", tags: [YD], priorities: [2], ages: ["11_17"], people: 40, requestedPence: 300_000, ineligible: "The project would be delivered in Knaresborough, North Yorkshire. Projects must benefit people in West Yorkshire." },
  { organisation: "Shelf Village Association", type: "constituted_group", district: "Calderdale", town: "Shelf", postcodeArea: "HX3", wards: "Northowram and Shelf", title: "Village speed watch", summary: "Speed watch equipment and training for volunteers.", focus: "neighbourhood", tags: [ASB], priorities: [3], ages: ["26_64", "65_plus"], people: 3_000, requestedPence: 210_000, ineligible: "The accounts provided were for 2018-19. The round asks for accounts no more than 18 months old, and none were provided by the closing date." },
  { organisation: "Upper Hopton Chapel Fellowship", type: "faith_group", district: "Kirklees", town: "Mirfield", postcodeArea: "WF14", wards: "Mirfield", title: "Chapel roof and security lighting", summary: "Repairs to the chapel roof and new security lighting.", focus: "neighbourhood", tags: [], priorities: [3], ages: ["65_plus"], people: 120, requestedPence: 800_000, ineligible: "Repairs to a building are capital works, which this round does not fund." },
  { organisation: "Crigglestone Running Club", type: "constituted_group", district: "Wakefield", town: "Crigglestone", postcodeArea: "WF4", wards: "Crigglestone and Sandal", title: "Run together: safer running for women", summary: "Group runs and safety training for women who run alone.", focus: "women", tags: [VAWG], priorities: [2], ages: ["18_25", "26_64"], people: 60, requestedPence: 150_000, ineligible: "The club's monitoring return for its previous PCC Safer Communities Fund grant is more than six months overdue. The club can apply again once it has been received." },
];

export const GR1_PROJECT_COUNT = DRUGS_AND_ALCOHOL_PROJECTS.length + OTHER_FUNDED_PROJECTS.length + UNSUCCESSFUL_PROJECTS.length;

/** First and last names for contacts and signatories, paired by position so nobody real is described. */
export const FIRST_NAMES = ["Amira", "Ben", "Carol", "Declan", "Eleni", "Farhan", "Gemma", "Hassan", "Ioana", "Jordan", "Kiran", "Leanne", "Marcus", "Nadia", "Owen", "Parveen", "Quentin", "Rosa", "Shaun", "Tasnim", "Usha", "Vince", "Wendy", "Yusuf"];
export const LAST_NAMES = ["Ackroyd", "Bhatti", "Calvert", "Dyson", "Earnshaw", "Fozard", "Greenwood", "Haigh", "Iqbal", "Jagger", "Kershaw", "Lumb", "Mahmood", "Naylor", "Oldroyd", "Pickles", "Quarmby", "Riaz", "Sutcliffe", "Thewlis", "Uttley", "Varley", "Whiteley", "Yousaf"];

type Wording = {
  need: (p: Gr1Project) => string;
  activities: (p: Gr1Project) => string;
  /** Outcome names from the vocabulary, in the order the bid gives them. */
  outcomes: string[];
  /** Budget line items, biggest first. */
  budget: string[];
  story: (p: Gr1Project, reached: number) => string;
};

/** How each kind of project describes itself; the project's own summary says what is special about it. */
export const WORDING: Record<Focus, Wording> = {
  recovery: {
    need: (p) => `Alcohol and drug use lies behind much of the crime and harm in ${p.wards}. People leaving treatment in ${p.district} tell us the hardest times are evenings and weekends, when services are closed and old contacts are around, and there is little peer-led support nearby.`,
    activities: (p) => `${p.summary} Sessions are led by trained volunteers with lived experience and a paid coordinator, and are linked to the local treatment service so people can be referred in and move on.`,
    outcomes: ["Use of alcohol", "Use of drugs", "Mental and emotional wellbeing"],
    budget: ["Coordinator's sessional fees", "Venue hire", "Volunteer travel and expenses", "Food and refreshments"],
    story: (p, n) => `${n} people came to ${p.title.toLowerCase()} during the year. Several have moved on to volunteering and two into paid work, and the treatment service now refers people to us every week.`,
  },
  youth: {
    need: (p) => `Reports of anti-social behaviour in ${p.wards} peak on weekday evenings and weekends, when there is nothing for young people to do nearby. Young people told us they want somewhere to go and adults who listen.`,
    activities: (p) => `${p.summary} Every session has a qualified youth worker, and young people are referred on to specialist help when they need it.`,
    outcomes: ["Meaningful use of time", "Confidence and self esteem", "Community involvement"],
    budget: ["Youth workers' sessional fees", "Venue and pitch hire", "Equipment", "Publicity"],
    story: (p, n) => `${n} young people took part. Neighbourhood police report fewer calls about young people in ${p.wards} on session nights, and a group of regulars now help to run the sessions.`,
  },
  violence: {
    need: (p) => `Young people in ${p.wards} tell us that carrying a knife feels normal to some of their friends. Local police data shows rising youth violence, and schools asked us for help.`,
    activities: (p) => `${p.summary} Staff are trained in trauma-informed practice and work with the youth offending service and schools on referrals.`,
    outcomes: ["Being safe", "Offending", "Meaningful use of time"],
    budget: ["Coaches' and mentors' fees", "Venue hire", "Equipment", "Training"],
    story: (p, n) => `${n} young people took part. In the end-of-project survey most said they were less likely to carry a knife, and schools have asked us to come back.`,
  },
  women: {
    need: (p) => `Women and girls in ${p.wards} tell us they change their routes, their clothes and their plans because they feel unsafe, especially after dark. Few of them report what happens to them.`,
    activities: (p) => `${p.summary} The work is led by women and shaped by what women and girls in ${p.district} tell us.`,
    outcomes: ["Being safe", "Confidence and self esteem", "Community involvement"],
    budget: ["Project worker's fees", "Training for venue staff", "Printing and publicity", "Venue hire"],
    story: (p, n) => `${n} women and girls took part. Our findings went to the council and transport operators, and two changes to lighting and a bus stop have already been made.`,
  },
  domestic: {
    need: (p) => `Domestic abuse is the most common crime reported to police in ${p.district}, and local services have waiting lists. People in ${p.wards} tell us they want support close to home from people who understand.`,
    activities: (p) => `${p.summary} Facilitators are trained and supervised, and anyone at risk is referred straight to the specialist domestic abuse service.`,
    outcomes: ["Being safe", "Healthy relationships", "Mental and emotional wellbeing"],
    budget: ["Facilitators' fees", "Venue hire", "Crèche and childcare", "Training and supervision"],
    story: (p, n) => `${n} people took part. Participants report feeling safer and more confident, and several have gone on to train as peer supporters.`,
  },
  neighbourhood: {
    need: (p) => `Residents of ${p.wards} have reported the same problems for years: ${p.title.toLowerCase()} answers what they told us at our public meetings, and the neighbourhood policing team supports it.`,
    activities: (p) => `${p.summary} Residents plan and deliver the work with the council and the neighbourhood policing team.`,
    outcomes: ["Community involvement", "Being safe"],
    budget: ["Materials and equipment", "Contractor costs", "Publicity and printing", "Volunteer expenses"],
    story: (p, n) => `${n} residents took part or benefited. Reports to the council and police about the problem have fallen, and residents say they feel safer.`,
  },
  hate: {
    need: (p) => `Hate crime in ${p.district} is under-reported, most of all in the communities we work with in ${p.wards}, where people tell us they do not know how to report or fear they will not be believed.`,
    activities: (p) => `${p.summary} We work with the police hate crime coordinator and the council's community cohesion team.`,
    outcomes: ["Being safe", "Community involvement", "Confidence and self esteem"],
    budget: ["Trainers' fees", "Interpreting and translation", "Venue hire", "Publicity"],
    story: (p, n) => `${n} people were reached. More people from the communities we work with are reporting hate incidents, and our champions supported those who were targeted.`,
  },
  victims: {
    need: (p) => `Victims and witnesses in ${p.district} tell us that the wait for court and the day itself are frightening, and some withdraw their support for a prosecution. People in ${p.wards} want someone independent on their side.`,
    activities: (p) => `${p.summary} Volunteers are trained, vetted and supervised, and work alongside the witness service.`,
    outcomes: ["Being safe", "Mental and emotional wellbeing"],
    budget: ["Volunteer coordinator's fees", "Volunteer training", "Volunteer travel", "Publicity"],
    story: (p, n) => `${n} people were supported. All but a few said they felt better prepared, and cases involving people we supported went ahead as planned.`,
  },
  exploitation: {
    need: (p) => `Young people in ${p.wards} are being drawn into county lines and criminal and sexual exploitation. Parents and schools tell us they spot the signs too late.`,
    activities: (p) => `${p.summary} We follow the local safeguarding partnership's procedures and refer concerns to the exploitation team.`,
    outcomes: ["Being safe", "Family, friends and network", "Confidence and self esteem"],
    budget: ["Mentors' and facilitators' fees", "Venue hire", "Resources and printing", "Training"],
    story: (p, n) => `${n} people took part. Parents and young people say they know the signs and where to go, and several concerns were referred to the exploitation team early.`,
  },
  reoffending: {
    need: (p) => `Most people leaving prison and returning to ${p.district} have no job to go to, and unemployment is one of the strongest drivers of reoffending.`,
    activities: (p) => `${p.summary} We work with probation and local employers.`,
    outcomes: ["Offending", "Education and learning", "Accommodation sustained"],
    budget: ["Mentor's fees", "Training courses", "Travel for participants", "Work clothing and equipment"],
    story: (p, n) => `${n} people were mentored. Most completed a course or work taster, several found jobs, and none of those who finished has been convicted again so far.`,
  },
  wellbeing: {
    need: (p) => `Women in ${p.wards} who have been victims of crime tell us their mental health suffered long after the police were involved, and waiting lists for counselling are long.`,
    activities: (p) => `${p.summary} Sessions are run by a trained facilitator with links to the local mental health service.`,
    outcomes: ["Mental and emotional wellbeing", "Confidence and self esteem"],
    budget: ["Facilitator's fees", "Venue hire", "Activities and materials", "Refreshments"],
    story: (p, n) => `${n} women took part. Most reported better wellbeing scores at the end, and the group continues to meet.`,
  },
  older: {
    need: (p) => `Older people in ${p.wards} are being targeted by doorstep crime and scams, and many are too embarrassed to report it.`,
    activities: (p) => `${p.summary} Volunteers are trained by Trading Standards and vetted.`,
    outcomes: ["Being safe", "Money and budgeting"],
    budget: ["Call blockers and door chains", "Volunteer training", "Printing", "Volunteer travel"],
    story: (p, n) => `${n} older people were reached. Call blockers stopped thousands of nuisance calls, and people told us they now know what to do at the door.`,
  },
};

/** How a bid says it will measure each outcome. */
export const OUTCOME_MEASURES: Record<string, string> = {
  "Use of alcohol": "Self-reported drinking at the start and end, using the Recovery Star",
  "Use of drugs": "Self-reported drug use at the start and end, using the Recovery Star",
  "Mental and emotional wellbeing": "Short Warwick-Edinburgh wellbeing scale at the start and end",
  "Meaningful use of time": "Attendance registers",
  "Confidence and self esteem": "Participants' own ratings at the start and end",
  "Community involvement": "Numbers volunteering and attending events",
  "Being safe": "Participants' survey of feeling safe",
  Offending: "Referral partners' records",
  "Healthy relationships": "Facilitators' assessment at the end of the course",
  "Family, friends and network": "Parents' and young people's feedback forms",
  "Education and learning": "Courses and qualifications completed",
  "Accommodation sustained": "Probation and housing records",
  "Money and budgeting": "Follow-up calls after three months",
};

export const SIGNATORY_ROLES = ["Chair", "Treasurer", "Secretary", "Director", "Project manager"];

/** One bid of the round: its project and what happened to it. */
export type Gr1Entry = {
  project: Gr1Project;
  /** Position across all three lists, which picks the made-up names, numbers and dates. */
  index: number;
  result: "funded" | "not_funded" | "ineligible";
  requestedPence: number;
  /** What the round committed: the award, or 0. */
  awardPence: number;
  funded?: FundedProject;
  unsuccessful?: UnsuccessfulProject;
};

/** Every bid of GR1, the funded ones zipped with the fixed award amounts. */
export function gr1Entries(): Gr1Entry[] {
  const funded = (projects: FundedProject[], amounts: number[]) =>
    projects.map((p, i) => ({ project: p, funded: p, awardPence: amounts[i], requestedPence: p.partOf?.requestedPence ?? amounts[i], result: "funded" as const }));
  const unsuccessful = UNSUCCESSFUL_PROJECTS.map((p) => ({ project: p, unsuccessful: p, awardPence: 0, requestedPence: p.requestedPence, result: "ineligible" in p ? ("ineligible" as const) : ("not_funded" as const) }));
  return [...funded(DRUGS_AND_ALCOHOL_PROJECTS, GR1_DRUGS_AND_ALCOHOL_AWARDS_PENCE), ...funded(OTHER_FUNDED_PROJECTS, GR1_OTHER_AWARDS_PENCE), ...unsuccessful].map((e, index) => ({ ...e, index }));
}
