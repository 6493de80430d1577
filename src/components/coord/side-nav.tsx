"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChartColumn, HandHeart, LayoutList, MapIcon, Network, Plus, Presentation, UserLock } from "lucide-react";

const ICONS = { ollas: LayoutList, map: MapIcon, needs: HandHeart, panel: ChartColumn, new: Plus, privacy: UserLock, peers: Network, workshops: Presentation } as const;
export type SideNavItem = { href: string; label: string; icon: keyof typeof ICONS };

/** The coordinator's pages: a column on a desktop, a wrapped row of links on a phone. The current page is marked. */
export function CoordSideNav({ label, items }: { label: string; items: SideNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="coord-nav">
      <ul className="flex flex-wrap gap-1 lg:flex-col">
        {items.map((i) => {
          const Icon = ICONS[i.icon];
          const current = i.href === "/coordinacion" ? pathname === i.href || pathname.startsWith("/coordinacion/ollas/") && !pathname.endsWith("/nueva") : pathname.startsWith(i.href);
          return (
            <li key={i.href}>
              <Link prefetch={false} href={i.href} className="side-link" aria-current={current ? "page" : undefined}>
                <Icon aria-hidden="true" size={18} />
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
