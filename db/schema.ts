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
