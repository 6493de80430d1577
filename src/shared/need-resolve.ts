/**
 * "Resolver" (mark a need met in one tap) sends the need's whole current state with status
 * "met": need.update replaces every field, so a field left out is cleared. The home, the needs
 * list and the offers page's prompt all render these hidden fields (description apart: it is
 * the change's summary in the outbox list).
 */
export interface ResolvableNeed {
  id: string;
  version: number;
  category: string;
  quantity: number | null;
  unit: string | null;
  itemId: string | null;
  urgency: string;
  visibility: string;
}

export function resolveFields(n: ResolvableNeed): [name: string, value: string][] {
  return [
    ["needId", n.id],
    ["version", String(n.version)],
    ["status", "met"],
    ["category", n.category],
    ["quantity", n.quantity == null ? "" : String(n.quantity)],
    ["unit", n.unit ?? ""],
    // The item link: without it a met need would lose its item (and its progress on the public page).
    ["itemId", n.itemId ?? ""],
    ["urgency", n.urgency],
    ["visibility", n.visibility],
  ];
}
