/**
 * A wide table that scrolls sideways inside its own box on a phone. The box is a named,
 * focusable region, so a keyboard can scroll it too (axe scrollable-region-focusable).
 *
 *   <TableScroll label={t("caption")}><table className="data">…</table></TableScroll>
 */
import type { ReactNode } from "react";
import { cx } from "./cx";

export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cx("table-scroll relative", className)} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
