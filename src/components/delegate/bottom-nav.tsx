"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cx } from "~/components/ui/cx";

type Place = "home" | "stock" | "needs" | "more";

/**
 * Her four places, at the bottom where a thumb reaches (each ≥ 44 px, here 56). The icons come
 * drawn from the server (the layout), so the icon library adds nothing to her pages' JavaScript.
 */
export function BottomNav({ ollaId, labels, icons }: { ollaId: string; labels: { label: string } & Record<Place, string>; icons: Record<Place, ReactNode> }) {
  const path = usePathname();
  const base = `/mi-olla/${ollaId}`;
  const items = [
    { href: base, label: labels.home, icon: icons.home, active: path === base || path.startsWith(`${base}/evaluar`) },
    { href: `${base}/almacen`, label: labels.stock, icon: icons.stock, active: path.startsWith(`${base}/almacen`) },
    { href: `${base}/necesidades`, label: labels.needs, icon: icons.needs, active: path.startsWith(`${base}/necesidades`) },
    { href: `${base}/mas`, label: labels.more, icon: icons.more, active: path.startsWith(`${base}/mas`) || path.startsWith(`${base}/perfil`) },
  ];
  return (
    <nav aria-label={labels.label} className="fixed inset-x-0 bottom-0 z-[1000] border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)]" data-testid="bottom-nav">
      <ul className="mx-auto grid max-w-5xl grid-cols-4">
        {items.map(({ href, label, icon, active }) => (
          <li key={href}>
            <Link
              prefetch={false}
              href={href}
              aria-current={active ? "page" : undefined}
              className={cx("flex min-h-14 flex-col items-center justify-center gap-0.5 px-1 text-xs font-bold no-underline", active ? "text-brand" : "text-stone-700")}
            >
              {icon}
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
