/**
 * The delegate's forms as plain data: which procedures a phone may queue, how a submitted form
 * (server action before the page is interactive, or the outbox after) becomes that procedure's
 * input, and which field a server error belongs to. Browser-safe and dependency-free: the server
 * action, the outbox route and the page's outbox all use this one mapping, so the three paths
 * send exactly the same input for the same form.
 */

export const DELEGATE_PROCEDURES = [
  "stock.recordEntry",
  "stock.recordExit",
  "stock.reverse",
  "stock.addItem",
  "transfer.offer",
  "transfer.accept",
  "transfer.decline",
  "transfer.cancel",
  "need.create",
  "need.update",
  "assessment.record",
  "olla.update",
  "offer.accept",
  "offer.decline",
  "offer.deliver",
  "offer.revokeLink",
  "plan.updateSettings",
  "plan.addModule",
  "plan.updateItem",
  "plan.removeItem",
  "plan.moveItem",
  "plan.setExisting",
  "labour.logShift",
  "labour.copyLastWeek",
  "labour.removeShift",
  "labour.addSocia",
  "labour.addCargo",
  "labour.assignTerm",
  "labour.markApoyo",
  "workshop.markFollowUp",
  "workshop.acceptAsNeed",
  "workshop.acceptAsPlanModule",
  "labour.updateSocia",
  "labour.endTerm",
  "post.update",
  "post.delete",
] as const;
export type DelegateProcedure = (typeof DELEGATE_PROCEDURES)[number];

export function isDelegateProcedure(p: unknown): p is DelegateProcedure {
  return typeof p === "string" && (DELEGATE_PROCEDURES as readonly string[]).includes(p);
}

/** What a form gives us: FormData, or the plain record the outbox keeps for editing. */
export interface FormSource {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

export function recordSource(values: Record<string, string | string[]>): FormSource {
  return {
    get: (n) => {
      const v = values[n];
      return v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
    },
    getAll: (n) => {
      const v = values[n];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
  };
}

/** A form's text fields as a record (files are never part of these forms). */
export function formValues(fd: FormSource & { keys?: () => Iterable<string> }, names?: Iterable<string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const keys = names ?? (fd.keys ? fd.keys() : []);
  for (const k of new Set(keys)) {
    if (k.startsWith("$ACTION")) continue;
    const all = fd.getAll(k).filter((v): v is string => typeof v === "string");
    out[k] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

/** A decimal typed the Peruvian way (comma) or the other (point). Empty → undefined (the schema says "write a quantity"). */
export function decimal(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, "").replace(",", ".");
  if (t === "") return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}
export const NEW_SOURCE = "__new__";

/** Soles typed with a comma or a point, as whole céntimos; empty → undefined, not a number → NaN (the schema refuses it). */
export function soles(s: string): number | undefined {
  const d = decimal(s);
  return d === undefined || Number.isNaN(d) ? d : Math.round(d * 100);
}

/** Input paths whose errors belong to a control of another name ("itemId" is reported on the item select). */
const CONTROL_OF: Record<string, string> = {
  itemId: "item",
  unit: "item",
  sourceId: "source",
  sourceType: "source",
  valueCents: "value",
  "location.lat": "lat",
  location: "lat",
  "location.lng": "lng",
  rationPriceCents: "rationPrice",
  monthlyCapacityCents: "capacity",
  savingsCents: "savings",
  savedCents: "saved",
  cargoId: "cargoSeat",
  seat: "cargoSeat",
  termId: "term",
  planItemId: "about",
};

/** The form control a server error path belongs to. A table, not a switch: every delegate page ships it (150 KB budget). */
export function fieldNameFor(path: string): string {
  if (Object.hasOwn(CONTROL_OF, path)) return CONTROL_OF[path]!;
  return path.startsWith("beneficiaries.") ? `b-${path.slice("beneficiaries.".length)}` : path;
}

/** Field errors keyed by form control, from errors keyed by input path. */
export function toFormErrors(fieldErrors: Record<string, string[]> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, msgs] of Object.entries(fieldErrors ?? {})) {
    const name = fieldNameFor(path);
    if (msgs[0] && !out[name]) out[name] = msgs[0];
  }
  return out;
}

/**
 * Order is kept per lane: two changes to one olla's item (or one need, one transfer) are
 * applied in the order she made them; changes in other lanes do not wait for each other.
 */
export function laneOf(procedure: DelegateProcedure, input: Record<string, unknown>): string {
  const of = (k: string) => String(input[k] ?? "");
  const olla = of("ollaId");
  switch (procedure) {
    case "stock.recordEntry":
    case "stock.recordExit":
    case "transfer.offer":
      return `${olla}:item:${of("itemId")}`;
    case "stock.reverse":
      // A reversal depends on what it reverses and on the balance: it shares the olla's stock lane.
      return `${olla}:stock`;
    case "need.update":
      return `${olla}:need:${of("needId")}`;
    case "post.update":
    case "post.delete":
      // An edit and then a delete of one post apply in that order.
      return `${olla}:post:${of("postId")}`;
    case "transfer.accept":
    case "transfer.decline":
    case "transfer.cancel":
      return `${olla}:transfer:${of("transferId")}`;
    case "offer.accept":
    case "offer.decline":
    case "offer.deliver":
    case "offer.revokeLink":
      return `${olla}:offer:${of("offerId")}`;
    case "assessment.record":
      return `${olla}:assessment:${of("category")}`;
    case "plan.updateSettings":
    case "plan.addModule":
    case "plan.updateItem":
    case "plan.removeItem":
    case "plan.moveItem":
    case "plan.setExisting":
    case "workshop.acceptAsPlanModule":
      // Her plan is one list: an add, a move and an edit apply in the order she made them.
      return `${olla}:plan`;
    case "workshop.markFollowUp":
    case "workshop.acceptAsNeed":
      return `${olla}:followUp:${of("followUpId")}`;
    case "labour.addSocia":
    case "labour.updateSocia":
    case "labour.addCargo":
    case "labour.assignTerm":
    case "labour.endTerm":
    case "labour.markApoyo":
      // Her members and roles are one history: a handover and the end of a term apply in the order she made them.
      return `${olla}:roles`;
    default:
      return `${olla}:${procedure}`;
  }
}

/** The signed change to an item's balance that a queued stock item would make (for "pending" balances). */
export function pendingDelta(procedure: string, input: Record<string, unknown>): { itemId: string; delta: number } | null {
  const q = typeof input.quantity === "number" && Number.isFinite(input.quantity) ? input.quantity : null;
  if (q === null || typeof input.itemId !== "string") return null;
  if (procedure === "stock.recordEntry") return { itemId: input.itemId, delta: q };
  // An offer moves nothing until the other olla accepts it.
  if (procedure === "stock.recordExit") return { itemId: input.itemId, delta: -q };
  return null;
}
