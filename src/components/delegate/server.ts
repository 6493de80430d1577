import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import type { StockWarning } from "~/server/domain/stock";
import type { StockUnit } from "~/shared/stock";
import { rscContext } from "~/server/request-context";
import { serverCaller } from "~/trpc/caller";

/** `olla.get` once per request (the layout and the page may both ask). */
const ollaOf = cache(async (ollaId: string) => (await serverCaller()).olla.get({ ollaId }));

/**
 * A page of her olla: signed out → sign in and come back; another olla's page → "not found" (as
 * the procedure answers); then the server caller for its data. Through ~/trpc/caller, not
 * ~/trpc/server: that module carries the client data layer's provider into the page's bundle.
 */
export async function delegatePage(ollaId: string, path: string) {
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(path)}`);
  const caller = await serverCaller();
  let olla: Awaited<ReturnType<typeof caller.olla.get>>;
  try {
    olla = await ollaOf(ollaId);
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
  return { olla, caller, isDelegate: olla.canAssess, canEdit: olla.canAssess && olla.profile.status !== "closed" };
}

/** The idempotency key a form is rendered with (a new one per render; kept across a failed submit). */
export const formKey = () => randomUUID();

/** Words the stock pages need, on the server: item names, quantities, days, warnings. */
export async function stockWords() {
  const t = await getTranslations("stock");
  const f = await getFormatter();
  const num = (n: number) => f.number(n, { maximumFractionDigits: 3 });
  const label = (i: { code: string | null; name: string }) => (i.code && t.has(`item.${i.code}`) ? t(`item.${i.code}` as "item.arroz") : i.name);
  const unit = (u: StockUnit) => t(`unit.${u}`);
  const qty = (q: number, u: StockUnit) => t("balanceValue", { quantity: num(q), unit: unit(u) });
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { day: "numeric", month: "short" });
  const warning = (w: StockWarning, u: StockUnit) => {
    switch (w.kind) {
      case "out":
        return t("warnings.out");
      case "low":
        return t("warnings.low", { days: num(w.daysLeft) });
      default:
        return t(`warnings.${w.kind}`, { quantity: num(w.quantity), unit: unit(u), date: day(w.expiresOn) });
    }
  };
  return { t, f, num, label, unit, qty, day, warning };
}
