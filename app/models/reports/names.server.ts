/**
 * The names each split's rows are shown under, in the order people expect: a plan's priorities and
 * themes in the plan's order, districts and tags alphabetically, organisation types as the profile
 * form lists them. Every configured value is listed, so one nobody chose shows as a row of zeros.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { districts, planPriorities, plans, planThemes, reportingTags } from "#db/schema";
import { getDb } from "#db/client";
import { ORGANISATION_TYPES } from "~/domain/organisations/profile";
import type { NamedValue, SplitKey } from "~/domain/reports/splits";

/** Rows of more than one plan (a year spanning two plans) carry their plan's name, since both plans may share a priority's name. */
function planScoped(rows: { id: number; name: string; planId: number; planName: string; suffix?: string }[], planIds: readonly number[]): NamedValue[] {
  const several = new Set(planIds).size > 1;
  return rows.map((r) => ({ key: String(r.id), name: `${r.name}${r.suffix ?? ""}${several ? ` (${r.planName})` : ""}` }));
}

export function splitValues(split: SplitKey, planIds: readonly number[]): NamedValue[] {
  const db = getDb();
  const ids = planIds.length ? [...new Set(planIds)] : [-1];
  switch (split) {
    case "priority": {
      const rows = db
        .select({ id: planPriorities.id, name: planPriorities.name, planId: planPriorities.planId, planName: plans.name })
        .from(planPriorities)
        .innerJoin(plans, eq(plans.id, planPriorities.planId))
        .where(inArray(planPriorities.planId, ids))
        .orderBy(asc(plans.startsOn), asc(planPriorities.position))
        .all();
      return planScoped(rows, ids);
    }
    case "theme": {
      const rows = db
        .select({ id: planThemes.id, name: planThemes.name, kind: planThemes.kind, planId: planThemes.planId, planName: plans.name })
        .from(planThemes)
        .innerJoin(plans, eq(plans.id, planThemes.planId))
        .where(inArray(planThemes.planId, ids))
        .orderBy(asc(plans.startsOn), asc(planThemes.position))
        .all();
      return planScoped(
        rows.map((r) => ({ ...r, suffix: r.kind === "spotlight" ? " (spotlight)" : "" })),
        ids,
      );
    }
    case "tag":
      return db
        .select({ id: reportingTags.id, name: reportingTags.name })
        .from(reportingTags)
        .orderBy(asc(reportingTags.name))
        .all()
        .map((r) => ({ key: String(r.id), name: r.name }));
    case "district":
      return db
        .select({ id: districts.id, name: districts.name })
        .from(districts)
        .orderBy(asc(districts.name))
        .all()
        .map((r) => ({ key: String(r.id), name: r.name }));
    case "organisation_type":
      return ORGANISATION_TYPES.map((t) => ({ key: t.value, name: t.text }));
  }
}
