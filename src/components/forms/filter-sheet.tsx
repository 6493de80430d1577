/**
 * Filters that stay out of the way on a phone: a <details> "Filters (n active)" that opens in
 * place (no JavaScript needed), and the active filters as chips that remove one each. From 1024 px
 * on, `openOnDesktop` keeps the filters shown and hides the toggle. Server-safe.
 *
 *   <FilterSheet label={t("open")} activeLabel={t("active", { count })}>…fields…</FilterSheet>
 *   <FilterChips label={t("chipsLabel")} chips={[{ key, label, href }]} /> (links, GET pages)
 *   <FilterChips … chips={[{ key, label, onRemove }]} />                   (buttons, client pages)
 */
import { ChevronDown, SlidersHorizontal, X } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "~/components/ui/cx";

export function FilterSheet({ label, activeLabel, openOnDesktop = false, className, children }: { label: string; activeLabel?: string; openOnDesktop?: boolean; className?: string; children: ReactNode }) {
  return (
    <details className={cx("filter-sheet", openOnDesktop && "open-on-desktop", className)}>
      <summary className="btn btn-secondary" data-testid="filter-toggle">
        <SlidersHorizontal aria-hidden="true" size={18} />
        <span>
          {label}
          {activeLabel ? ` ${activeLabel}` : null}
        </span>
        <ChevronDown aria-hidden="true" size={18} className="chevron transition-transform" />
      </summary>
      <div className="pt-3">{children}</div>
    </details>
  );
}

export type Chip = { key: string; label: string; removeLabel: string } & ({ href: string; onRemove?: never } | { onRemove: () => void; href?: never });

export function FilterChips({ label, chips, clearAll }: { label: string; chips: Chip[]; clearAll?: Chip }) {
  if (chips.length === 0) return null;
  const one = (c: Chip, extra?: string) =>
    c.href !== undefined ? (
      <Link prefetch={false} href={c.href} className={cx("chip", extra)} aria-label={c.removeLabel}>
        {c.label}
        <X aria-hidden="true" size={16} />
      </Link>
    ) : (
      <button type="button" className={cx("chip", extra)} aria-label={c.removeLabel} onClick={c.onRemove}>
        {c.label}
        <X aria-hidden="true" size={16} />
      </button>
    );
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label={label} data-testid="filter-chips">
      {chips.map((c) => (
        <li key={c.key}>{one(c)}</li>
      ))}
      {clearAll && chips.length > 1 && <li>{one(clearAll, "bg-surface")}</li>}
    </ul>
  );
}
