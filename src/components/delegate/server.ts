import "server-only";
import { randomUUID } from "node:crypto";
import { getFormatter, getTranslations } from "next-intl/server";
import type { StockWarning } from "~/server/domain/stock";
import type { StockUnit } from "~/shared/stock";
import { ollaPageAccess, serverCaller } from "~/trpc/server";

/** A page of her olla: access checked first (another olla's page is "not found"), then the server caller for its data. */
export async function delegatePage(ollaId: string, path: string) {
  const caller = await serverCaller();
  // The same query the access check made (kept in the request's query client), typed.
  const olla = (await ollaPageAccess(ollaId, path)) as Awaited<ReturnType<typeof caller.olla.get>>;
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
