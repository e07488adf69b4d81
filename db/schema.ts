/**
 * The portal's tables. Money is always integer pence (`*_pence`), instants are UTC milliseconds
 * (`*_at`), calendar dates are ISO `YYYY-MM-DD` text (`*_on`). This file is imported by both the
 * app and drizzle-kit, so it must not import better-sqlite3.
 */
import { sql } from "drizzle-orm";
import {
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  index,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const ROLES = ["applicant", "assessor", "grants_officer", "finance", "admin"] as const;

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  createdAt: createdAt(),
  passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
  /** Base32 TOTP secret, encrypted with the server key (AES-256-GCM); null until set up. */
  totpSecret: text("totp_secret"),
  /** When the person proved their authenticator works; two-factor is in force only once set. */
  totpConfirmedAt: integer("totp_confirmed_at", { mode: "timestamp_ms" }),
  /** The last 30-second step accepted, so a code cannot be replayed. */
  totpLastStep: integer("totp_last_step"),
  /** Set when retention or an erasure replaced this person's details with placeholders. */
  anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  /** Set when an admin removed a member of staff's access (e.g. they left); they cannot sign in. */
  accessRemovedAt: integer("access_removed_at", { mode: "timestamp_ms" }),
});

/** Single-use recovery codes for a lost authenticator; only a hash of each is kept. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: createdAt(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

/** Requests counted per address and action, for throttling sign-in, sign-up and reset. */
export const throttleHits = sqliteTable(
  "throttle_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** e.g. "sign-in:203.0.113.7" */
    bucket: text("bucket").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("throttle_hits_bucket").on(t.bucket, t.at)],
);

/** Portal-wide settings an admin can change, e.g. the retention period for unsuccessful bids. */
export const portalSettings = sqliteTable("portal_settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
});

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index("memberships_org").on(t.organisationId)],
);

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored here. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** When this session passed the second factor; null while it waits for a code. */
    secondFactorAt: integer("second_factor_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Every sign-in attempt by e-mail address, so repeated failures can lock the account for a while. */
export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
  },
  (t) => [index("sign_in_attempts_email_at").on(t.email, t.at)],
);

/** Single-use tokens sent by e-mail: password resets and staff invitations. Only hashes are kept. */
export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
});

export const staffInvitations = sqliteTable("staff_invitations", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  invitedBy: integer("invited_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
});

/** Append-only record of who changed what. Triggers in the migration refuse UPDATE and DELETE. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [index("audit_subject").on(t.subjectType, t.subjectId)],
);

export const ALLOCATION_METHODS = ["competitive", "passported"] as const;

export const funds = sqliteTable("funds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  /** Short code used in bid references, e.g. MSCF in MSCF-GR7-0042. */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  moneySource: text("money_source").notNull(),
  description: text("description").notNull(),
  allocationMethod: text("allocation_method", { enum: ALLOCATION_METHODS }).notNull(),
  defaultMaxAwardPence: integer("default_max_award_pence").notNull(),
  createdAt: createdAt(),
});

export const plans = sqliteTable("plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  area: text("area").notNull(),
  startsOn: text("starts_on").notNull(),
  endsOn: text("ends_on").notNull(),
  createdAt: createdAt(),
});

export const planPriorities = sqliteTable("plan_priorities", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  planId: integer("plan_id")
    .notNull()
    .references(() => plans.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  position: integer("position").notNull(),
});

export const THEME_KINDS = ["cross_cutting", "spotlight"] as const;

export const planThemes = sqliteTable("plan_themes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  planId: integer("plan_id")
    .notNull()
    .references(() => plans.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  kind: text("kind", { enum: THEME_KINDS }).notNull(),
  position: integer("position").notNull(),
});

export const reportingTags = sqliteTable("reporting_tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const districts = sqliteTable("districts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  /** As postcodes.io reports admin_district, so register checks can match it. */
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const OUTCOME_KINDS = ["outcome", "impact"] as const;

export const outcomes = sqliteTable("outcomes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: OUTCOME_KINDS }).notNull(),
  createdAt: createdAt(),
});

export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fundId: integer("fund_id")
      .notNull()
      .references(() => funds.id),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id),
    slug: text("slug").notNull(),
    /** Short code used in bid references, e.g. GR7 in MSCF-GR7-0042. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
    budgetPence: integer("budget_pence").notNull(),
    maxAwardPence: integer("max_award_pence").notNull(),
    deliveryStartsOn: text("delivery_starts_on").notNull(),
    deliveryEndsOn: text("delivery_ends_on").notNull(),
    eligibility: text("eligibility").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rounds_fund_slug").on(t.fundId, t.slug),
    uniqueIndex("rounds_fund_code").on(t.fundId, t.code),
  ],
);

export const roundCriteria = sqliteTable("round_criteria", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id")
    .notNull()
    .references(() => rounds.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  guidance: text("guidance").notNull(),
  maxScore: integer("max_score").notNull(),
  weight: integer("weight").notNull(),
  position: integer("position").notNull(),
});

// ---- Applicants: organisation profile, register checks, bids (applicant issue) ----

export const ORGANISATION_TYPES = [
  "registered_charity",
  "cio",
  "community_interest_company",
  "company_limited_by_guarantee",
  "constituted_group",
  "faith_group",
  "school_or_college",
  "other",
] as const;

/** The profile lives in its own table so an organisation can exist (at sign-up) before it is filled in. */
export const organisationProfiles = sqliteTable("organisation_profiles", {
  organisationId: integer("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  type: text("type", { enum: ORGANISATION_TYPES }).notNull(),
  charityNumber: text("charity_number"),
  companyNumber: text("company_number"),
  addressLine1: text("address_line_1").notNull(),
  addressLine2: text("address_line_2"),
  town: text("town").notNull(),
  postcode: text("postcode").notNull(),
  annualIncomePence: integer("annual_income_pence").notNull(),
  contactName: text("contact_name").notNull(),
  contactEmail: text("contact_email").notNull(),
  contactPhone: text("contact_phone").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** An invitation, sent by a member, for someone else to act for the organisation too. */
export const organisationInvitations = sqliteTable("organisation_invitations", {
  tokenHash: text("token_hash").primaryKey(),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  invitedBy: integer("invited_by")
    .notNull()
    .references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
});

export const REGISTERS = ["charity_commission", "companies_house", "postcodes_io"] as const;
export const CHECK_STATUSES = ["found", "not_found", "unavailable"] as const;

/** Each look-up of an organisation in an external register, kept with its time and what it said. */
export const registerChecks = sqliteTable(
  "register_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    register: text("register", { enum: REGISTERS }).notNull(),
    query: text("query").notNull(),
    checkedAt: integer("checked_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: CHECK_STATUSES }).notNull(),
    result: text("result", { mode: "json" }),
    /** Flag codes for grants officers, e.g. name_mismatch, charity_removed, register_unavailable. */
    flags: text("flags", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [index("register_checks_org").on(t.organisationId, t.register, t.checkedAt)],
);

export const BID_STATUSES = ["draft", "submitted", "under_assessment", "awarded", "not_funded", "withdrawn"] as const;

export const bids = sqliteTable(
  "bids",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status", { enum: BID_STATUSES }).notNull(),
    /** Answers per section while a draft, e.g. { project: {...}, budget: {...} }. */
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The whole bid exactly as submitted; never changed afterwards. */
    submitted: text("submitted", { mode: "json" }).$type<Record<string, unknown>>(),
    reference: text("reference").unique(),
    /** Position in the round's submission order, for the reference (MSCF-GR7-0042). */
    roundSequence: integer("round_sequence"),
    amountRequestedPence: integer("amount_requested_pence"),
    projectTitle: text("project_title"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    /** Set when the retention period passed on an unsuccessful bid and its personal data was removed. */
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // One live bid per organisation per round; a withdrawn bid does not count.
    uniqueIndex("bids_one_live_per_round").on(t.roundId, t.organisationId).where(sql`status <> 'withdrawn'`),
    uniqueIndex("bids_round_sequence").on(t.roundId, t.roundSequence),
    index("bids_org").on(t.organisationId),
  ],
);

/** Submitted bids' answers in rows, for reports by priority, theme, tag and district. */
export const bidPriorities = sqliteTable(
  "bid_priorities",
  {
    bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
    priorityId: integer("priority_id").notNull().references(() => planPriorities.id),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.priorityId] })],
);

export const bidThemes = sqliteTable(
  "bid_themes",
  {
    bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
    themeId: integer("theme_id").notNull().references(() => planThemes.id),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.themeId] })],
);

export const bidTags = sqliteTable(
  "bid_tags",
  {
    bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
    tagId: integer("tag_id").notNull().references(() => reportingTags.id),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.tagId] })],
);

export const bidDistricts = sqliteTable(
  "bid_districts",
  {
    bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
    districtId: integer("district_id").notNull().references(() => districts.id),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.districtId] })],
);

export const bidBudgetLines = sqliteTable("bid_budget_lines", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
  item: text("item").notNull(),
  costPence: integer("cost_pence").notNull(),
  position: integer("position").notNull(),
});

export const bidOutcomes = sqliteTable("bid_outcomes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  bidId: integer("bid_id").notNull().references(() => bids.id, { onDelete: "cascade" }),
  outcomeId: integer("outcome_id").notNull().references(() => outcomes.id),
  target: integer("target").notNull(),
  measure: text("measure").notNull(),
});

export const ATTACHMENT_KINDS = ["governing_document", "accounts", "safeguarding_policy"] as const;

/** Uploaded documents: stored outside public/ under a generated name; only metadata here. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    bidId: integer("bid_id").references(() => bids.id),
    kind: text("kind", { enum: ATTACHMENT_KINDS }).notNull(),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("attachments_bid").on(t.bidId)],
);

// ---- Assessment and decisions (assessment issue) ----

/** Per-round assessment settings live beside the round, with defaults from the issue. */
export const roundAssessmentSettings = sqliteTable("round_assessment_settings", {
  roundId: integer("round_id")
    .primaryKey()
    .references(() => rounds.id, { onDelete: "cascade" }),
  assessorsPerBid: integer("assessors_per_bid").notNull().default(2),
  /** Percentage points between assessors' weighted scores above which a bid is flagged for moderation. */
  moderationThreshold: integer("moderation_threshold").notNull().default(20),
  decisionsReleasedAt: integer("decisions_released_at", { mode: "timestamp_ms" }),
  releasedBy: integer("released_by").references(() => users.id),
});

export const eligibilityChecks = sqliteTable("eligibility_checks", {
  bidId: integer("bid_id")
    .primaryKey()
    .references(() => bids.id, { onDelete: "cascade" }),
  eligible: integer("eligible", { mode: "boolean" }).notNull(),
  /** Kept for feedback to the applicant when the bid is ineligible. */
  reason: text("reason"),
  decidedBy: integer("decided_by")
    .notNull()
    .references(() => users.id),
  decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
});

export const ASSESSMENT_STATUSES = ["assigned", "conflict", "in_progress", "submitted"] as const;

export const assessments = sqliteTable(
  "assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bidId: integer("bid_id")
      .notNull()
      .references(() => bids.id, { onDelete: "cascade" }),
    assessorId: integer("assessor_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull(),
    assignedBy: integer("assigned_by")
      .notNull()
      .references(() => users.id),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull(),
    /** When the assessor declared they have no conflict of interest (required before seeing the bid). */
    noConflictAt: integer("no_conflict_at", { mode: "timestamp_ms" }),
    conflictDeclaredAt: integer("conflict_declared_at", { mode: "timestamp_ms" }),
    conflictNote: text("conflict_note"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    /** Weighted score in hundredths of a percentage point (0-10000), computed on submission. */
    weightedScore: integer("weighted_score"),
  },
  (t) => [uniqueIndex("assessments_bid_assessor").on(t.bidId, t.assessorId), index("assessments_assessor").on(t.assessorId)],
);

export const assessmentScores = sqliteTable(
  "assessment_scores",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => roundCriteria.id),
    score: integer("score"),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.criterionId] })],
);

export const moderations = sqliteTable("moderations", {
  bidId: integer("bid_id")
    .primaryKey()
    .references(() => bids.id, { onDelete: "cascade" }),
  /** Moderated score in hundredths of a percentage point (0-10000); it ranks the bid. */
  score: integer("score").notNull(),
  reason: text("reason").notNull(),
  moderatedBy: integer("moderated_by")
    .notNull()
    .references(() => users.id),
  moderatedAt: integer("moderated_at", { mode: "timestamp_ms" }).notNull(),
});

export const DECISION_OUTCOMES = ["fund_full", "fund_part", "reserve", "not_funded"] as const;

export const decisions = sqliteTable(
  "decisions",
  {
    bidId: integer("bid_id")
      .primaryKey()
      .references(() => bids.id, { onDelete: "cascade" }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    outcome: text("outcome", { enum: DECISION_OUTCOMES }).notNull(),
    /** What the round commits to this bid: the amount for fund_full/fund_part, otherwise 0. */
    amountPence: integer("amount_pence").notNull(),
    reasonCode: text("reason_code"),
    reason: text("reason"),
    feedback: text("feedback"),
    decidedBy: integer("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("decisions_round").on(t.roundId)],
);

// ---- Awards and money (awards issue) ----

export const LEDGER_KINDS = ["budget_set", "round_budget_set", "commitment", "commitment_reduced", "payment", "repayment_due", "repayment"] as const;

/**
 * Every movement of money, append-only, in integer pence. Triggers refuse UPDATE and DELETE; a
 * mistake is corrected by a new entry of the same kind, with a negative amount, that points at it.
 * `financialYear` is the April-to-March year by its starting year (2026 = 2026-27).
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    fundId: integer("fund_id")
      .notNull()
      .references(() => funds.id),
    financialYear: integer("financial_year").notNull(),
    roundId: integer("round_id").references(() => rounds.id),
    awardId: integer("award_id").references(() => awards.id),
    /** Community Safety Fund allocations are commitments to a district's partnership, not to a bid. */
    districtId: integer("district_id").references(() => districts.id),
    amountPence: integer("amount_pence").notNull(),
    correctsEntryId: integer("corrects_entry_id"),
    reference: text("reference"),
    note: text("note"),
    /** For payments and repayments: the day the money moved (the entry's `at` is when it was recorded). */
    valueOn: text("value_on"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [index("ledger_fund_year").on(t.fundId, t.financialYear), index("ledger_round").on(t.roundId), index("ledger_award").on(t.awardId)],
);

export const AWARD_STATUSES = ["offered", "accepted", "declined", "closed"] as const;

export const awards = sqliteTable("awards", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  bidId: integer("bid_id")
    .notNull()
    .unique()
    .references(() => bids.id),
  roundId: integer("round_id")
    .notNull()
    .references(() => rounds.id),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id),
  amountPence: integer("amount_pence").notNull(),
  status: text("status", { enum: AWARD_STATUSES }).notNull(),
  conditions: text("conditions").notNull(),
  startsOn: text("starts_on").notNull(),
  endsOn: text("ends_on").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  createdBy: integer("created_by")
    .notNull()
    .references(() => users.id),
  closedAt: integer("closed_at", { mode: "timestamp_ms" }),
});

export const MONITORING_KINDS = ["interim", "final"] as const;

export const awardMonitoringDates = sqliteTable(
  "award_monitoring_dates",
  {
    awardId: integer("award_id")
      .notNull()
      .references(() => awards.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MONITORING_KINDS }).notNull(),
    dueOn: text("due_on").notNull(),
  },
  (t) => [primaryKey({ columns: [t.awardId, t.kind] })],
);

export const awardAcceptances = sqliteTable("award_acceptances", {
  awardId: integer("award_id")
    .primaryKey()
    .references(() => awards.id),
  acceptedBy: integer("accepted_by")
    .notNull()
    .references(() => users.id),
  signatoryName: text("signatory_name").notNull(),
  signatoryRole: text("signatory_role").notNull(),
  acceptedOn: text("accepted_on").notNull(),
  declarations: text("declarations", { mode: "json" }).$type<string[]>().notNull(),
  acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Bank details, one row per version. A version given after the offer was accepted needs finance to
 * confirm it before any payment: changed bank details are a classic grant-fraud route.
 */
export const bankDetails = sqliteTable(
  "bank_details",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    awardId: integer("award_id")
      .notNull()
      .references(() => awards.id),
    accountName: text("account_name").notNull(),
    sortCode: text("sort_code").notNull(),
    accountNumber: text("account_number").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
    needsConfirmation: integer("needs_confirmation", { mode: "boolean" }).notNull(),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("bank_details_award").on(t.awardId)],
);

export const RETURN_STATUSES = ["submitted", "accepted", "more_information_requested"] as const;

export const monitoringReturns = sqliteTable(
  "monitoring_returns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    awardId: integer("award_id")
      .notNull()
      .references(() => awards.id),
    kind: text("kind", { enum: MONITORING_KINDS }).notNull(),
    status: text("status", { enum: RETURN_STATUSES }).notNull(),
    beneficiariesReached: integer("beneficiaries_reached").notNull(),
    story: text("story").notNull(),
    underspendPence: integer("underspend_pence").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    reviewNote: text("review_note"),
  },
  (t) => [index("monitoring_returns_award").on(t.awardId)],
);

export const returnOutcomes = sqliteTable(
  "return_outcomes",
  {
    returnId: integer("return_id")
      .notNull()
      .references(() => monitoringReturns.id, { onDelete: "cascade" }),
    bidOutcomeId: integer("bid_outcome_id")
      .notNull()
      .references(() => bidOutcomes.id),
    achieved: integer("achieved").notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.bidOutcomeId] })],
);

export const returnSpend = sqliteTable(
  "return_spend",
  {
    returnId: integer("return_id")
      .notNull()
      .references(() => monitoringReturns.id, { onDelete: "cascade" }),
    budgetLineId: integer("budget_line_id")
      .notNull()
      .references(() => bidBudgetLines.id),
    spentPence: integer("spent_pence").notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.budgetLineId] })],
);

export const VARIATION_KINDS = ["dates", "budget"] as const;
export const VARIATION_STATUSES = ["requested", "approved", "refused"] as const;

export const variations = sqliteTable(
  "variations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    awardId: integer("award_id")
      .notNull()
      .references(() => awards.id),
    kind: text("kind", { enum: VARIATION_KINDS }).notNull(),
    /** What is asked for: new dates, or money moved between budget lines (pence per line). */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: VARIATION_STATUSES }).notNull(),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionNote: text("decision_note"),
  },
  (t) => [index("variations_award").on(t.awardId)],
);

/** A Community Safety Partnership's quarterly return of spend and outcomes against the plan. */
export const csfReturns = sqliteTable(
  "csf_returns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fundId: integer("fund_id")
      .notNull()
      .references(() => funds.id),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id),
    financialYear: integer("financial_year").notNull(),
    quarter: integer("quarter").notNull(),
    spendPence: integer("spend_pence").notNull(),
    /** Spend per plan priority, pence by priority id. */
    spendByPriority: text("spend_by_priority", { mode: "json" }).$type<Record<string, number>>().notNull(),
    outcomesSummary: text("outcomes_summary").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("csf_returns_quarter").on(t.fundId, t.districtId, t.financialYear, t.quarter)],
);
