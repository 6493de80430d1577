/**
 * A white card on the canvas.
 *
 *   <Card>…</Card>
 *   <Card as="section" title="Necesidades" titleLevel={2} action={<ButtonLink …/>}>…</Card>
 *   <LinkCard href="/ollas/12">a whole card that is one link</LinkCard>
 *
 * With `title`, the card is labelled by it (aria-labelledby) when rendered as a section.
 */
import Link from "next/link";
import { useId, type ReactNode } from "react";
import { cx } from "./cx";

type CardProps = {
  as?: "div" | "section" | "article" | "li";
  title?: ReactNode;
  titleLevel?: 2 | 3;
  action?: ReactNode;
  className?: string;
  children?: ReactNode;
};

export function Card({ as: Tag = "div", title, titleLevel = 2, action, className, children }: CardProps) {
  const id = useId();
  const H = titleLevel === 2 ? "h2" : "h3";
  return (
    <Tag className={cx("card", className)} aria-labelledby={title && Tag !== "div" && Tag !== "li" ? id : undefined}>
      {(title || action) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && (
            <H id={id} className="text-lg font-bold">
              {title}
            </H>
          )}
          {action}
        </div>
      )}
      {children}
    </Tag>
  );
}

/** A card that is one link: hover and focus lift it; keep the content short (it is the link's name). */
export function LinkCard({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <Link prefetch={false} href={href} className={cx("card block text-ink no-underline transition-shadow hover:shadow-[var(--shadow-raised)]", className)}>
      {children}
    </Link>
  );
}
