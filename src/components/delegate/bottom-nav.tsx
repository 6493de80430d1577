"use client";
import { House, ListChecks, Menu, Package } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "~/components/ui/cx";

/** Her four places, at the bottom where a thumb reaches (each ≥ 44 px, here 56). */
export function BottomNav({ ollaId, labels }: { ollaId: string; labels: { label: string; home: string; stock: string; needs: string; more: string } }) {
  const path = usePathname();
  const base = `/mi-olla/${ollaId}`;
  const items = [
    { href: base, label: labels.home, Icon: House, active: path === base || path.startsWith(`${base}/evaluar`) },
    { href: `${base}/almacen`, label: labels.stock, Icon: Package, active: path.startsWith(`${base}/almacen`) },
    { href: `${base}/necesidades`, label: labels.needs, Icon: ListChecks, active: path.startsWith(`${base}/necesidades`) },
    { href: `${base}/mas`, label: labels.more, Icon: Menu, active: path.startsWith(`${base}/mas`) || path.startsWith(`${base}/perfil`) },
  ];
  return (
    <nav aria-label={labels.label} className="fixed inset-x-0 bottom-0 z-[1000] border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)]" data-testid="bottom-nav">
      <ul className="mx-auto grid max-w-5xl grid-cols-4">
        {items.map(({ href, label, Icon, active }) => (
          <li key={href}>
            <Link
              prefetch={false}
              href={href}
              aria-current={active ? "page" : undefined}
              className={cx("flex min-h-14 flex-col items-center justify-center gap-0.5 px-1 text-xs font-bold no-underline", active ? "text-brand" : "text-stone-700")}
            >
              <Icon aria-hidden="true" size={22} />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
