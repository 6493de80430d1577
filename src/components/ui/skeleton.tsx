/**
 * Grey placeholders while something loads. Hidden from assistive technology: say "loading"
 * once with `label` (read by screen readers through role="status").
 *
 *   <Skeleton className="h-40 w-full" />
 *   <SkeletonText lines={3} label={t("common.loading")} />
 *   <SkeletonCard label={t("common.loading")} />
 */
import { cx } from "./cx";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx("skeleton", className)} />;
}

export function SkeletonText({ lines = 3, label }: { lines?: number; label?: string }) {
  return (
    <div role={label ? "status" : undefined} className="flex flex-col gap-2">
      {label && <span className="sr-only">{label}</span>}
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cx("h-4", i === lines - 1 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}

export function SkeletonCard({ label }: { label?: string }) {
  return (
    <div className="card flex flex-col gap-3" role={label ? "status" : undefined}>
      {label && <span className="sr-only">{label}</span>}
      <Skeleton className="h-5 w-1/2" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-3/4" />
    </div>
  );
}
