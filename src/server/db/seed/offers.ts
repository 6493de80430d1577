import { createHash, randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, needs, offers, stockItems, stockMovements, stockSources } from "../schema";
import { addDays, limaToday } from "~/shared/lima-day";
import type { OfferStatus, SupporterKind } from "~/shared/offers";
import type { DemoContext } from "./seeders";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

interface OfferSeed {
  name: string;
  kind: SupporterKind;
  phone: string;
  quantity: number;
  status: OfferStatus;
  /** Days before today the offer was made. */
  madeAgo: number;
  /** Days from today she said she could deliver. */
  availableIn: number;
  thank: boolean;
  message?: string;
  reply?: string;
  delivered?: number;
}

/**
 * Offers in every state for the demo delegate's olla (Virgen de Guadalupe): a public need of
 * 50 kg of rice with offers new, accepted, declined, delivered (its stock entry in the ledger),
 * withdrawn, expired (unanswered 20 days) and released (accepted, date long past). Follow-up
 * links of seeded offers are unknown to anyone (random hashes): the demo shows the olla's side.
 */
export async function seedOffersDemo(db: Db, ctx: DemoContext): Promise<void> {
  const [m] = await db
    .select({ ollaId: memberships.ollaId })
    .from(memberships)
    .where(and(eq(memberships.userId, ctx.delegateUserIds[0]!), eq(memberships.role, "delegate")))
    .limit(1);
  const [rice] = await db.select().from(stockItems).where(and(eq(stockItems.code, "arroz"), isNull(stockItems.ollaId))).limit(1);
  if (!m?.ollaId || !rice) return;
  const ollaId = m.ollaId;
  const today = limaToday(ctx.today);
  const [need] = await db
    .insert(needs)
    .values({ ollaId, category: "food", description: "Arroz para el mes: cocinamos para 120 personas", itemId: rice.id, quantity: "50", unit: "kg", urgency: "high", visibility: "public", createdBy: ctx.delegateUserIds[0]!, createdAt: new Date(ctx.today.getTime() - 25 * 86_400_000) })
    .returning();
  const [parish] = await db.insert(stockSources).values({ type: "parish", name: "Parroquia Santa María de Jesús" }).onConflictDoNothing().returning();
  const parishId = parish?.id ?? (await db.select().from(stockSources).where(eq(stockSources.name, "Parroquia Santa María de Jesús")))[0]!.id;

  const seeds: OfferSeed[] = [
    { name: "Carmen Huamán", kind: "individual", phone: "+51999100201", quantity: 5, status: "offered", madeAgo: 1, availableIn: 3, thank: false, message: "Puedo llevarlo el sábado en la tarde." },
    { name: "Asociación Manos Solidarias", kind: "ngo", phone: "+51999100202", quantity: 10, status: "accepted", madeAgo: 4, availableIn: 4, thank: true, reply: "Gracias, los esperamos en la mañana." },
    { name: "Parroquia Santa María de Jesús", kind: "parish", phone: "+51999100203", quantity: 15, status: "delivered", madeAgo: 12, availableIn: -8, thank: true, reply: "¡Muchas gracias!", delivered: 15 },
    { name: "Minimarket Don Lucho", kind: "company", phone: "+51999100204", quantity: 30, status: "declined", madeAgo: 9, availableIn: 2, thank: false },
    { name: "Julio Ramos", kind: "individual", phone: "+51999100205", quantity: 3, status: "withdrawn", madeAgo: 6, availableIn: 1, thank: false },
    { name: "Vecinos de la Mz. F", kind: "individual", phone: "+51999100206", quantity: 8, status: "offered", madeAgo: 20, availableIn: -15, thank: false },
    { name: "Colegio Fe y Alegría", kind: "ngo", phone: "+51999100207", quantity: 12, status: "accepted", madeAgo: 18, availableIn: -10, thank: true },
  ];
  for (const s of seeds) {
    const createdAt = new Date(ctx.today.getTime() - s.madeAgo * 86_400_000);
    const availableOn = addDays(today, s.availableIn);
    let movementId: number | null = null;
    if (s.delivered) {
      const [mv] = await db
        .insert(stockMovements)
        .values({ ollaId, itemId: rice.id, unit: rice.unit, direction: "in", quantity: String(s.delivered), occurredOn: availableOn, sourceType: "parish", sourceId: parishId, createdBy: ctx.delegateUserIds[0]!, createdAt })
        .returning({ id: stockMovements.id });
      movementId = mv!.id;
    }
    const decided = s.status !== "offered" && s.status !== "withdrawn";
    await db.insert(offers).values({
      needId: need!.id,
      ollaId,
      itemId: rice.id,
      unit: rice.unit,
      quantity: String(s.quantity),
      availableOn,
      deliveryMode: s.kind === "individual" ? "deliver" : "pickup",
      supporterName: s.name,
      supporterKind: s.kind,
      contactPhone: s.phone,
      contactHash: sha(`contact:${s.phone}`),
      message: s.message ?? null,
      thankByName: s.thank,
      status: s.status,
      formKey: randomUUID(),
      requestHash: sha(`seed:${s.name}`),
      linkHash: sha(`seed-link:${randomUUID()}`),
      replyMessage: s.reply ?? null,
      declineReason: s.status === "declined" ? "cannot_store" : null,
      deliveredQuantity: s.delivered ? String(s.delivered) : null,
      deliveredOn: s.delivered ? availableOn : null,
      movementId,
      decidedBy: decided ? ctx.delegateUserIds[0]! : null,
      decidedAt: decided ? createdAt : null,
      deliveredBy: s.delivered ? ctx.delegateUserIds[0]! : null,
      deliveredAt: s.delivered ? createdAt : null,
      withdrawnAt: s.status === "withdrawn" ? createdAt : null,
      createdAt,
    });
  }
}
