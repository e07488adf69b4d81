/** The retention period for unsuccessful bids, kept in portal_settings; changing it is audited. */
import { eq } from "drizzle-orm";
import { portalSettings } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { DEFAULT_RETENTION_MONTHS, RETENTION_SETTING_KEY, retentionMonthsFrom } from "~/domain/data-rights/retention";
import { recordAudit } from "../audit.server";

export function getRetentionSetting() {
  const row = getDb().select().from(portalSettings).where(eq(portalSettings.key, RETENTION_SETTING_KEY)).get();
  return { months: retentionMonthsFrom(row?.value), isDefault: !row, updatedAt: row?.updatedAt ?? null };
}

export function retentionMonths(): number {
  return getRetentionSetting().months;
}

export function setRetentionMonths(months: number, actorId: number, now: Date): void {
  writeTransaction((tx) => {
    const before = tx.select().from(portalSettings).where(eq(portalSettings.key, RETENTION_SETTING_KEY)).get();
    tx.insert(portalSettings)
      .values({ key: RETENTION_SETTING_KEY, value: months, updatedAt: now, updatedBy: actorId })
      .onConflictDoUpdate({ target: portalSettings.key, set: { value: months, updatedAt: now, updatedBy: actorId } })
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: actorId,
      action: "portal_setting.changed",
      subjectType: "portal_setting",
      subjectId: RETENTION_SETTING_KEY,
      before: { months: before ? retentionMonthsFrom(before.value) : DEFAULT_RETENTION_MONTHS, isDefault: !before },
      after: { months },
    });
  });
}
