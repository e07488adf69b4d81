/** A round's assessment settings: how many assessors each bid needs and when scores differ enough to moderate. */
import { eq } from "drizzle-orm";
import { roundAssessmentSettings, rounds } from "#db/schema";
import { writeTransaction } from "#db/client";
import { recordAudit } from "../audit.server";
import { roundSettings } from "./round-bids.server";

export type RoundSettingsInput = { assessorsPerBid: number; moderationThreshold: number };

/**
 * Saves the settings (the row is created the first time; until then the defaults apply). Returns
 * false for an unknown round. Saving the same values again changes nothing and is not audited.
 */
export function updateRoundSettings(input: RoundSettingsInput & { roundId: number; officerId: number }, now: Date): boolean {
  return writeTransaction((tx) => {
    if (!tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, input.roundId)).get()) return false;
    const current = roundSettings(input.roundId);
    const before = { assessorsPerBid: current.assessorsPerBid, moderationThreshold: current.moderationThreshold };
    const after = { assessorsPerBid: input.assessorsPerBid, moderationThreshold: input.moderationThreshold };
    if (before.assessorsPerBid === after.assessorsPerBid && before.moderationThreshold === after.moderationThreshold) return true;
    tx.insert(roundAssessmentSettings)
      .values({ roundId: input.roundId, ...after })
      .onConflictDoUpdate({ target: roundAssessmentSettings.roundId, set: after })
      .run();
    recordAudit(tx, { at: now, actorUserId: input.officerId, action: "round.assessment_settings_changed", subjectType: "round", subjectId: input.roundId, before, after });
    return true;
  });
}
