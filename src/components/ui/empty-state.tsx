/**
 * What a list shows when it has nothing: an icon, a sentence, and what to do next.
 *
 *   <EmptyState icon={Inbox} title="Aún no hay necesidades" action={<ButtonLink href="…">Añadir</ButtonLink>}>
 *     Cuando tu olla registre una necesidad, aparecerá aquí.
 *   </EmptyState>
 */
import { Inbox, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cx } from "./cx";

export function EmptyState({ icon: Icon = Inbox, title, children, action, className }: { icon?: LucideIcon; title: ReactNode; children?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div className={cx("flex flex-col items-center gap-2 rounded-[var(--radius-card)] border border-dashed border-line-strong bg-surface px-4 py-8 text-center", className)}>
      <span className="flex size-12 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Icon aria-hidden="true" size={24} />
      </span>
      <p className="text-base font-bold">{title}</p>
      {children && <div className="max-w-prose text-sm text-muted">{children}</div>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
