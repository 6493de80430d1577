/**
 * The procedure's input from a submitted delegate form (see delegate-forms.ts). Its own module,
 * apart from the outbox's lane and error rules: every delegate page's shell loads delegate-forms.ts
 * (the outbox), while this mapping is only needed by the pages with a form (and the server action,
 * the outbox route and the service worker). Turbopack ships whole modules, so keeping it there cost
 * every page ~2.5 KB gz of a 150 KB budget.
 */
import { decimal, NEW_SOURCE, soles, type DelegateProcedure, type FormSource } from "./delegate-forms";

const str = (f: FormSource, n: string): string => {
  const v = f.get(n);
  return typeof v === "string" ? v : "";
};
/** Text, or null when left empty. */
const opt = (f: FormSource, n: string): string | null => {
  const v = str(f, n).trim();
  return v === "" ? null : v;
};
const int = (f: FormSource, n: string): number | undefined => {
  const d = decimal(str(f, n));
  return d === undefined ? undefined : d;
};

/** "uuid:kg" from an item select: the item and its unit in one control, so the unit needs no script. */
function item(f: FormSource): { itemId: string | undefined; unit: string | undefined } {
  const [itemId, unit] = str(f, "item").split(":");
  return { itemId: itemId || undefined, unit: unit || undefined };
}

/** The procedure's input from a submitted form. Unknown fields are ignored (the form decides the shape, not the sender). */
export function formToInput(procedure: DelegateProcedure, f: FormSource): Record<string, unknown> {
  const base = { ollaId: str(f, "ollaId"), idempotencyKey: str(f, "idempotencyKey") };
  switch (procedure) {
    case "stock.recordEntry": {
      // One control says where it came from: "purchase", "parish:<institution>", or "parish:__new__" + a name.
      const [sourceType = "", sourceId = ""] = str(f, "source").split(":");
      const value = decimal(str(f, "value"));
      return {
        ...base,
        ...item(f),
        quantity: decimal(str(f, "quantity")),
        occurredOn: str(f, "occurredOn"),
        sourceType,
        sourceId: sourceId && sourceId !== NEW_SOURCE ? sourceId : null,
        newSourceName: sourceId === NEW_SOURCE ? opt(f, "newSourceName") : null,
        valueCents: value === undefined ? null : Number.isNaN(value) ? Number.NaN : Math.round(value * 100),
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
      const price = decimal(str(f, "rationPrice"));
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
        rationPriceCents: price === undefined ? 0 : Math.round(price * 100),
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

