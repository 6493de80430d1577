"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { FormError, type FormErrorShape } from "~/components/forms/errors";
import type { StockUnit } from "~/shared/stock";
import { newSubmissionKey } from "~/shared/submission-key";


/**
 * The idempotency key of one submission: kept across retries of the same form (a lost
 * answer is retried safely, the server returns the first result), renewed after a success.
 */
export function useSubmissionKey(): [string, () => void] {
  const [key, setKey] = useState(newSubmissionKey);
  return [key, useCallback(() => setKey(newSubmissionKey()), [])];
}

/** A decimal typed the Peruvian way (comma) or the other (point); undefined when empty. */
export function parseDecimal(s: string): number | undefined {
  const t = s.trim().replace(",", ".");
  if (t === "") return undefined;
  return Number(t);
}

/** Name of an item: the catalogue's translation for network items, the olla's own name otherwise. */
export function useItemLabel() {
  const t = useTranslations("stock");
  return useCallback((i: { code: string | null; name: string }) => (i.code && t.has(`item.${i.code}`) ? t(`item.${i.code}` as "item.arroz") : i.name), [t]);
}

/** A quantity as the reader writes numbers (up to 3 decimals). */
export function useNumber() {
  const f = useFormatter();
  return useCallback((n: number) => f.number(n, { maximumFractionDigits: 3 }), [f]);
}

/** "12,5 kg", "3 tarros". */
export function useQuantity() {
  const t = useTranslations("stock");
  const num = useNumber();
  return useCallback((quantity: number, unit: StockUnit) => t("balanceValue", { quantity: num(quantity), unit: t(`unit.${unit}`) }), [t, num]);
}

/** The form-level message, unless the server pinned it on a field (shown there already). */
export function MutationError({ error }: { error: unknown }) {
  const e = error as FormErrorShape | null;
  if (!e) return null;
  const fields = e.data?.fieldErrors;
  if (fields && Object.keys(fields).length > 0 && e.data?.code !== "BAD_REQUEST") return null;
  return <FormError error={error} />;
}
