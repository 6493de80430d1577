/**
 * The project's mark: a cooking pot whose steam rises into a map pin (src/app/icon.svg is the
 * same drawing on a clay tile). `Logo` is decorative unless given a `title`.
 *
 *   <Logo size={32} />                       the mark alone
 *   <Wordmark name={t("common.appName")} />  mark + name, for the header
 */
import { cx } from "./cx";

export function Logo({ size = 32, title, className }: { size?: number; title?: string; className?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 48 48"
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      focusable="false"
      className={cx("shrink-0", className)}
    >
      <rect width="48" height="48" rx="12" fill="#9a3412" />
      {/* map pin */}
      <path d="M24 5.5c-5 0-9 3.9-9 8.8 0 6.1 9 13.2 9 13.2s9-7.1 9-13.2c0-4.9-4-8.8-9-8.8z" fill="#fdba74" />
      <circle cx="24" cy="14.2" r="3.4" fill="#9a3412" />
      {/* pot: lid rim, body, handles */}
      <rect x="9" y="27" width="30" height="3.2" rx="1.6" fill="#fff" />
      <path d="M11.5 31.5h25v4.5c0 4.4-3.6 7.5-8 7.5h-9c-4.4 0-8-3.1-8-7.5z" fill="#fff" />
      <rect x="5.5" y="32.5" width="5" height="3" rx="1.5" fill="#fff" />
      <rect x="37.5" y="32.5" width="5" height="3" rx="1.5" fill="#fff" />
    </svg>
  );
}

export function Wordmark({ name, className }: { name: string; className?: string }) {
  return (
    <span className={cx("inline-flex items-center gap-2 text-lg font-extrabold tracking-tight text-brand-dark", className)}>
      <Logo size={32} />
      <span>{name}</span>
    </span>
  );
}
