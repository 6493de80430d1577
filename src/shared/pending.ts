/**
 * What a queued stock change does to a balance ("+25 kg por enviar"): needed by her pages' shell on
 * every delegate page, so it lives apart from the forms' mapping (./delegate-forms re-exports it).
 */
/** The signed change to an item's balance that a queued stock item would make (for "pending" balances). */
export function pendingDelta(procedure: string, input: Record<string, unknown>): { itemId: string; delta: number } | null {
  const q = typeof input.quantity === "number" && Number.isFinite(input.quantity) ? input.quantity : null;
  if (q === null || typeof input.itemId !== "string") return null;
  if (procedure === "stock.recordEntry") return { itemId: input.itemId, delta: q };
  // An offer moves nothing until the other olla accepts it.
  if (procedure === "stock.recordExit") return { itemId: input.itemId, delta: -q };
  return null;
}
