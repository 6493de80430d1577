/**
 * Buttons and button-looking links, ≥ 44 × 44 px.
 *
 *   <Button>Guardar</Button>                                  primary (default)
 *   <Button variant="secondary" icon={<Plus aria-hidden />}>Añadir</Button>
 *   <Button variant="quiet" | "danger" size="sm" block busy={pending}>…</Button>
 *   <ButtonLink href="/mapa" variant="secondary" icon={…}>Ver el mapa</ButtonLink>
 *
 * `busy` sets aria-busy and disables the button (a form's pending state). An icon-only button needs
 * an `aria-label`. Server-safe (no client code); pass onClick only from client components.
 */
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "quiet" | "danger";

type Common = { variant?: ButtonVariant; size?: "md" | "sm"; block?: boolean; icon?: ReactNode };

export function buttonClass({ variant = "primary", size = "md", block = false }: Omit<Common, "icon"> = {}, extra?: string) {
  return cx("btn", variant !== "primary" && `btn-${variant}`, size === "sm" && "btn-sm", block && "btn-block", extra);
}

export function Button({ variant, size, block, icon, busy, className, children, type = "button", disabled, ...rest }: Common & ComponentProps<"button"> & { busy?: boolean }) {
  return (
    <button type={type} className={buttonClass({ variant, size, block }, className)} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {icon}
      {children}
    </button>
  );
}

/** A link that looks like a button; does not prefetch (prepaid data), like every header link. */
export function ButtonLink({ variant, size, block, icon, className, children, prefetch = false, ...rest }: Common & ComponentProps<typeof Link>) {
  return (
    <Link prefetch={prefetch} className={buttonClass({ variant, size, block }, className)} {...rest}>
      {icon}
      {children}
    </Link>
  );
}
