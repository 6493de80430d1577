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

const str = (f: FormSource, n: string): string => {
  const v = f.get(n);
  return typeof v === "string" ? v : "";
};
/** Text, or null when left empty. */
const opt = (f: FormSource, n: string): string | null => {
  const v = str(f, n).trim();
  return v === "" ? null : v;
};
/** A decimal typed the Peruvian way (comma) or the other (point). Empty → undefined (the schema says "write a quantity"). */
export function decimal(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, "").replace(",", ".");
  if (t === "") return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}
const int = (f: FormSource, n: string): number | undefined => decimal(str(f, n));

/** "uuid:kg" from an item select: the item and its unit in one control, so the unit needs no script. */
function item(f: FormSource): { itemId: string | undefined; unit: string | undefined } {
  const [itemId, unit] = str(f, "item").split(":");
  return { itemId: itemId || undefined, unit: unit || undefined };
}

export const NEW_SOURCE = "__new__";

/** Soles typed with a comma or a point, as whole céntimos; empty → undefined, not a number → NaN (the schema refuses it). */
export function soles(s: string): number | undefined {
  const d = decimal(s);
  return d === undefined || Number.isNaN(d) ? d : Math.round(d * 100);
}

/** The procedure's input from a submitted form. Unknown fields are ignored (the form decides the shape, not the sender). */
export function formToInput(procedure: DelegateProcedure, f: FormSource): Record<string, unknown> {
  const base = { ollaId: str(f, "ollaId"), idempotencyKey: str(f, "idempotencyKey") };
  switch (procedure) {
    case "stock.recordEntry": {
      // One control says where it came from: "purchase", "parish:<institution>", or "parish:__new__" + a name.
      const [sourceType = "", sourceId = ""] = str(f, "source").split(":");
      return {
        ...base,
        ...item(f),
        quantity: decimal(str(f, "quantity")),
        occurredOn: str(f, "occurredOn"),
        sourceType,
        sourceId: sourceId && sourceId !== NEW_SOURCE ? sourceId : null,
        newSourceName: sourceId === NEW_SOURCE ? opt(f, "newSourceName") : null,
        valueCents: soles(str(f, "value")) ?? null,
        expiresOn: opt(f, "expiresOn"),
        note: opt(f, "note"),
      };
    }
    case "stock.recordExit":
      return { ...base, ...item(f), quantity: decimal(str(f, "quantity")), occurredOn: str(f, "occurredOn"), reason: str(f, "reason") || "cooked", note: opt(f, "note") };
    case "stock.reverse":
      return { ...base, movementId: int(f, "movementId"), note: opt(f, "note") };
    case "stock.addItem": {
      const kg = decimal(str(f, "kgPerUnit"));
      return { ...base, name: str(f, "name"), unit: str(f, "unit"), kgPerUnit: kg === undefined ? null : kg };
    }
    case "transfer.offer":
      return { ...base, toOllaId: str(f, "toOllaId"), ...item(f), quantity: decimal(str(f, "quantity")), note: opt(f, "note") };
    case "transfer.accept":
    case "transfer.decline":
    case "transfer.cancel":
      return { ...base, transferId: str(f, "transferId") };
    case "need.create":
    case "need.update": {
      const fields = {
        category: str(f, "category"),
        description: str(f, "description"),
        quantity: opt(f, "quantity") === null ? null : decimal(str(f, "quantity")),
        unit: opt(f, "itemId") === null ? opt(f, "unit") : null,
        itemId: opt(f, "itemId"),
        urgency: str(f, "urgency") || "medium",
        visibility: str(f, "visibility") || "public",
      };
      if (procedure === "need.create") return { ...base, ...fields };
      return { ...base, needId: str(f, "needId"), version: int(f, "version"), status: str(f, "status"), ...fields };
    }
    case "offer.accept":
      return { ...base, offerId: str(f, "offerId"), message: opt(f, "message"), agreedOn: opt(f, "agreedOn") };
    case "offer.decline":
      return { ...base, offerId: str(f, "offerId"), reason: str(f, "reason"), note: opt(f, "note") };
    case "offer.deliver": {
      // The source control is the almacén entry's: "ngo", "ngo:<institution>" or "ngo:__new__" + a name.
      const [sourceType = "", sourceId = ""] = str(f, "source").split(":");
      const it = item(f);
      return {
        ...base,
        offerId: str(f, "offerId"),
        quantity: decimal(str(f, "quantity")),
        occurredOn: str(f, "occurredOn"),
        sourceType,
        sourceId: sourceId && sourceId !== NEW_SOURCE ? sourceId : null,
        newSourceName: sourceId === NEW_SOURCE ? opt(f, "newSourceName") : null,
        ...(it.itemId ? { itemId: it.itemId, unit: it.unit ?? null } : {}),
      };
    }
    case "offer.revokeLink":
      return { ...base, offerId: str(f, "offerId") };
    case "assessment.record":
      return { ...base, category: str(f, "category"), level: int(f, "level"), note: opt(f, "note"), assessedOn: str(f, "assessedOn") };
    case "plan.updateSettings":
      return {
        ...base,
        version: int(f, "version"),
        monthlyCapacityCents: soles(str(f, "capacity")) ?? 0,
        savingsCents: soles(str(f, "savings")) ?? 0,
        showAmounts: str(f, "showAmounts") === "on",
        hidden: str(f, "hidden") === "on",
      };
    case "plan.addModule":
      return { ...base, moduleId: str(f, "moduleId"), funding: str(f, "funding") || "own_savings" };
    case "plan.updateItem":
      return {
        ...base,
        itemId: str(f, "itemId"),
        version: int(f, "version"),
        status: str(f, "status"),
        funding: str(f, "funding"),
        savedCents: soles(str(f, "saved")) ?? 0,
        doneOn: opt(f, "doneOn"),
      };
    case "plan.removeItem":
      return { ...base, itemId: str(f, "itemId"), version: int(f, "version") };
    case "plan.moveItem":
      return { ...base, itemId: str(f, "itemId"), version: int(f, "version"), direction: str(f, "direction") };
    case "plan.setExisting":
      return { ...base, moduleId: str(f, "moduleId"), has: str(f, "has") === "on" };
    case "olla.update": {
      const num = (n: string) => {
        const d = decimal(str(f, n));
        return d === undefined ? Number.NaN : d;
      };
      return {
        ...base,
        version: int(f, "version"),
        name: str(f, "name"),
        districtUbigeo: str(f, "districtUbigeo"),
        zoneId: str(f, "zoneId"),
        addressReference: opt(f, "addressReference"),
        location: { lat: num("lat"), lng: num("lng") },
        publishExact: str(f, "publishExact") === "on",
        status: str(f, "status"),
        foundedOn: opt(f, "foundedOn"),
        cookingDays: f.getAll("cookingDays").filter((d): d is string => typeof d === "string"),
        rationsPerDay: num("rationsPerDay"),
        beneficiaries: { children: num("b-children"), olderAdults: num("b-olderAdults"), pregnantNursing: num("b-pregnantNursing"), disabled: num("b-disabled") },
        rationPriceCents: soles(str(f, "rationPrice")) ?? 0,
        contactName: opt(f, "contactName"),
        contactPhone: opt(f, "contactPhone"),
      };
    }
    case "labour.logShift": {
      const rations = opt(f, "rations");
      return {
        ...base,
        workedOn: str(f, "workedOn"),
        task: str(f, "task"),
        people: int(f, "people"),
        hours: decimal(str(f, "hours")),
        hoursMode: str(f, "hoursMode") === "total" ? "total" : "each",
        rations: rations === null ? null : decimal(rations),
        names: opt(f, "names"),
      };
    }
    case "labour.copyLastWeek":
      return base;
    case "labour.removeShift":
      return { ...base, shiftId: str(f, "shiftId") };
    case "labour.addSocia":
      return { ...base, name: str(f, "name"), joinedOn: str(f, "joinedOn") };
    case "labour.addCargo":
      return { ...base, kind: str(f, "kind"), label: opt(f, "label"), seats: int(f, "seats") ?? 1 };
    case "labour.assignTerm": {
      // One control names the role and its seat ("<cargo>:2"), so a role of one seat needs no second control.
      const [cargoId = "", seat = "1"] = str(f, "cargoSeat").split(":");
      return { ...base, cargoId, seat: Number(seat), sociaId: str(f, "sociaId"), startsOn: str(f, "startsOn"), endsOn: opt(f, "endsOn") };
    }
    case "labour.markApoyo":
      return { ...base, cargoId: str(f, "cargoId"), sociaId: str(f, "sociaId"), learning: str(f, "learning") !== "off" };
    case "workshop.markFollowUp":
      return { ...base, followUpId: str(f, "followUpId"), status: str(f, "status") };
    case "workshop.acceptAsNeed":
      return { ...base, followUpId: str(f, "followUpId"), category: str(f, "category"), urgency: str(f, "urgency") || "medium", visibility: str(f, "visibility") || "network" };
    case "workshop.acceptAsPlanModule":
      return { ...base, followUpId: str(f, "followUpId"), moduleId: str(f, "moduleId"), funding: str(f, "funding") || "own_savings" };
    case "labour.updateSocia":
      return { ...base, sociaId: str(f, "sociaId"), version: int(f, "version"), name: str(f, "name"), joinedOn: str(f, "joinedOn"), active: str(f, "active") === "on" };
    case "labour.endTerm": {
      // One control names the term and the version she saw ("<term>:3"), like the handover's "<cargo>:<seat>".
      const [termId = "", version = ""] = str(f, "term").split(":");
      return { ...base, termId, version: version === "" ? undefined : Number(version), endsOn: str(f, "endsOn") };
    }
    case "post.update": {
      // One control says what the post is about: "", "need:<id>" or "plan:<id>" (the composer's picker).
      const [kind, link = null] = str(f, "about").split(":");
      return {
        ...base,
        postId: str(f, "postId"),
        version: int(f, "version"),
        body: str(f, "body"),
        visibility: str(f, "visibility"),
        categories: f.getAll("categories"),
        needId: kind === "need" ? link : null,
        planItemId: kind === "plan" ? link : null,
      };
    }
    case "post.delete":
      return { ...base, postId: str(f, "postId") };
  }
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
  const olla = String(input.ollaId ?? "");
  switch (procedure) {
    case "stock.recordEntry":
    case "stock.recordExit":
    case "transfer.offer":
      return `${olla}:item:${String(input.itemId ?? "")}`;
    case "stock.reverse":
      // A reversal depends on what it reverses and on the balance: it shares the olla's stock lane.
      return `${olla}:stock`;
    case "need.update":
      return `${olla}:need:${String(input.needId ?? "")}`;
    case "transfer.accept":
    case "transfer.decline":
    case "transfer.cancel":
      return `${olla}:transfer:${String(input.transferId ?? "")}`;
    case "offer.accept":
    case "offer.decline":
    case "offer.deliver":
    case "offer.revokeLink":
      return `${olla}:offer:${String(input.offerId ?? "")}`;
    case "assessment.record":
      return `${olla}:assessment:${String(input.category ?? "")}`;
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
      return `${olla}:followUp:${String(input.followUpId ?? "")}`;
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

// Her pages' shell shows pending balances on every delegate page: that rule is apart (./pending),
// so those pages do not carry this whole mapping in their first-load JavaScript.
export { pendingDelta } from "./pending";
