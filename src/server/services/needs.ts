import type { z } from "zod";
import type { Db, Tx } from "~/server/db/client";
import { findItemForOlla } from "~/server/db/queries/stock";
import { writeAudit } from "~/server/db/queries/audit";
import { countPublicNeeds, findOllaNeed, insertNeed, listPublicNeeds, updateNeedAtVersion, type NeedRow } from "~/server/db/queries/needs";
import { openDataVersion } from "~/server/db/queries/open-data";
import type { OllaRow } from "~/server/db/queries/ollas";
import { closedAtAfter } from "~/server/domain/needs";
import { badInput, conflict, forbidden, notFound } from "~/server/errors";
import type { ZCreateNeedInput, ZPublicNeedsInput, ZUpdateNeedInput } from "~/validation/needs";
import type { Actor } from "~/server/domain/actor";
import { idempotent } from "./idempotency";
import { publicCache } from "./shared-cache";

/** The need's columns; a catalogue item sets the unit (the item's own), so offers and deliveries count in it. */
async function fields(tx: Tx, ollaId: string, input: z.output<typeof ZCreateNeedInput>) {
  const item = input.itemId ? await findItemForOlla(tx, ollaId, input.itemId) : null;
  if (input.itemId && !item) throw badInput("itemId", "stock.validation.unknownItem");
  const unit = item ? item.unit : input.unit;
  const hasQuantity = input.quantity != null && unit != null && unit !== "";
  return {
    category: input.category,
    description: input.description,
    itemId: item?.id ?? null,
    quantity: hasQuantity ? String(input.quantity) : null,
    unit: hasQuantity ? unit : null,
    urgency: input.urgency,
    visibility: input.visibility,
  };
}

const view = (r: NeedRow) => ({
  id: r.id,
  category: r.category,
  description: r.description,
  quantity: r.quantity === null ? null : Number(r.quantity),
  unit: r.unit,
  itemId: r.itemId,
  urgency: r.urgency,
  status: r.status,
  visibility: r.visibility,
  version: r.version,
  closedAt: r.closedAt,
});

export async function createNeed(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZCreateNeedInput>) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
  return idempotent(db, { userId: actor.userId, procedure: "need.create", input }, async (tx) => {
    const row = await insertNeed(tx, { ollaId: olla.id, ...(await fields(tx, olla.id, input)), createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "need", entityId: row.id, ollaId: olla.id, after: row });
    return view(row);
  });
}

/** Edits, closes (met, cancelled) or reopens a need, against the version the edit was based on. */
export async function updateNeed(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZUpdateNeedInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "need.update", input }, async (tx) => {
    const current = await findOllaNeed(tx, olla.id, input.needId);
    if (!current) throw notFound();
    const row = await updateNeedAtVersion(
      tx,
      { id: current.id, ollaId: olla.id, version: input.version },
      { ...(await fields(tx, olla.id, input)), status: input.status, closedAt: closedAtAfter(current, input.status, new Date()) },
    );
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "need", entityId: row.id, ollaId: olla.id, before: current, after: row });
    return view(row);
  });
}

/**
 * The public needs list (/necesidades, the home page's most urgent): a page, read in the order of
 * its index, and how many match. The count is the same for every visitor and walks every open
 * public need of the city (~100 ms at 200,000 needs), so it is shared like the public dashboard
 * (PUBLIC_CACHE_SECONDS) and recomputed as soon as the open-data version moves, which every
 * committed change to a need, an olla or a district does: a new need shows in the count at once.
 */
export async function publicNeeds(db: Db, input: z.output<typeof ZPublicNeedsInput>) {
  const filter = { districtUbigeo: input.districtUbigeo, category: input.category, urgency: input.urgency };
  const key = JSON.stringify(["public-needs-count", filter.districtUbigeo ?? null, filter.category ?? null, filter.urgency ?? null]);
  const [items, total] = await Promise.all([
    listPublicNeeds(db, input),
    openDataVersion(db).then((version) => publicCache.get(db, key, () => countPublicNeeds(db, filter), String(version))),
  ]);
  return { items, total };
}
