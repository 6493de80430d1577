"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "~/trpc/react";
import { useItemLabel } from "./shared";
import { WarningText } from "./stock-page";

/** On the olla's home: record an entry or an exit in one tap, the warnings that matter, open needs. */
export function StockHomeSection({ ollaId }: { ollaId: string }) {
  const t = useTranslations("stock");
  const tn = useTranslations("needs");
  const trpc = useTRPC();
  const label = useItemLabel();
  const levels = useQuery(trpc.stock.levels.queryOptions({ ollaId }));
  const needs = useQuery(trpc.need.openCounts.queryOptions({ ollaId }));
  const warned = (levels.data?.items ?? []).filter((i) => i.warnings.length > 0);
  const open = (needs.data ?? []).reduce((s, r) => s + r.n, 0);
  const critical = needs.data?.find((r) => r.urgency === "critical")?.n ?? 0;
  return (
    <section aria-labelledby="stock-home-h" className="card flex flex-col gap-3" data-testid="stock-home">
      <h2 id="stock-home-h" className="text-lg font-semibold">
        {t("homeTitle")}
      </h2>
      {levels.data?.canEdit && (
        <div className="grid grid-cols-2 gap-2">
          <Link className="btn" href={`/mi-olla/${ollaId}/almacen/entrada`}>
            {t("recordEntry")}
          </Link>
          <Link className="btn" href={`/mi-olla/${ollaId}/almacen/salida`}>
            {t("recordExit")}
          </Link>
        </div>
      )}
      {levels.data && (
        <div className="flex flex-col gap-1">
          <p>{t("itemsWithWarnings", { count: warned.length })}</p>
          {warned.length > 0 && (
            <ul className="flex flex-col gap-1" data-testid="home-warnings">
              {warned.slice(0, 4).map((i) => (
                <li key={i.itemId}>
                  <span aria-hidden="true">⚠ </span>
                  <strong>{label(i)}:</strong> <WarningText w={i.warnings[0]!} unit={i.unit} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <Link href={`/mi-olla/${ollaId}/almacen`}>{t("viewStock")}</Link>
        <Link href={`/mi-olla/${ollaId}/necesidades`}>
          {tn("title")}: {tn("openCount", { count: open })}
          {critical > 0 ? ` (${tn("criticalCount", { count: critical })})` : ""}
        </Link>
      </p>
    </section>
  );
}
