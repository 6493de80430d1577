/** The network's settings (dependency threshold, staples, low-stock days…): read, and changed by a city coordinator. */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { existingNetworkCodes, getSettings, networkCatalogue, updateSettingsRow } from "~/server/db/queries/settings";
import type { Actor } from "~/server/domain/actor";
import { badInput, conflict } from "~/server/errors";
import type { ZUpdateSettingsInput } from "~/validation/dashboard";

export async function settingsView(db: Db) {
  const [s, catalogue] = await Promise.all([getSettings(db), networkCatalogue(db)]);
  return {
    version: s.version,
    dependencyThreshold: Number(s.dependencyThreshold),
    stapleItems: s.stapleItems,
    lowStockDays: s.lowStockDays,
    monthlyMinimumWageCents: s.monthlyMinimumWageCents,
    maxLeadershipTermMonths: s.maxLeadershipTermMonths,
    personalDataRetentionMonths: s.personalDataRetentionMonths,
    updatedAt: s.updatedAt,
    catalogue: catalogue.map((c) => ({ code: c.code!, name: c.name, unit: c.unit })),
  };
}

/** A city coordinator changes the network's settings: validated, versioned, audited. */
export async function updateSettings(db: Db, actor: Actor, input: z.output<typeof ZUpdateSettingsInput>) {
  const known = await existingNetworkCodes(db, input.stapleItems);
  const unknown = input.stapleItems.filter((c) => !known.has(c));
  if (unknown.length) throw badInput("stapleItems", "dashboard.validation.unknownStaple", { codes: unknown.join(", ") });
  await db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const after = await updateSettingsRow(
      tx,
      input.version,
      {
        dependencyThreshold: input.dependencyThresholdPercent / 100,
        stapleItems: input.stapleItems,
        lowStockDays: input.lowStockDays,
        monthlyMinimumWageCents: Math.round(input.monthlyMinimumWage * 100),
        maxLeadershipTermMonths: input.maxLeadershipTermMonths,
      },
      actor.userId,
    );
    if (!after) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "network_settings", entityId: "1", before, after });
  });
  return settingsView(db);
}
