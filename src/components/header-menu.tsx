"use client";
/**
 * The phone's menu: a <details> disclosure, so it opens without JavaScript. This small script
 * only closes it again after a client-side navigation (the header outlives the page), on Escape,
 * and on a tap outside it.
 */
import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Escape") return;
        d.open = false;
        d.querySelector("summary")?.focus();
      } else if (!d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
  return (
    <details ref={ref} className="header-menu xl:hidden">
      <summary className="btn btn-quiet">
        <Menu aria-hidden="true" size={22} className="menu-open-icon" />
        <X aria-hidden="true" size={22} className="menu-close-icon" />
        <span>{label}</span>
      </summary>
      <div className="header-menu-panel">{children}</div>
    </details>
  );
}
