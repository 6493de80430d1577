/**
 * The one icon set (lucide-react, named imports so the bundle keeps only these) and what each
 * category and level is drawn with. Icons are decoration: they are aria-hidden and always sit
 * beside a word.
 *
 *   <CategoryIcon category="water" />            a 20 px icon in the category's colour
 *   CATEGORY_ICON.water                          the component itself, to size it yourself
 *   <LevelIcon level={0} />                      octagon ✕ / triangle ! / circle ✓ / circle-check ✓✓
 */
import {
  Bolt,
  CircleCheckBig,
  CircleEllipsis,
  CircleMinus,
  CookingPot,
  Droplets,
  House,
  OctagonX,
  Package,
  Refrigerator,
  Salad,
  ShieldCheck,
  Toilet,
  TriangleAlert,
  Wheat,
  type LucideIcon,
} from "lucide-react";
import { cx } from "./cx";

export type Category =
  | "water"
  | "sanitation"
  | "storage"
  | "cooking"
  | "space"
  | "electricity"
  | "refrigeration"
  | "nutrition"
  | "food"
  | "other";

export const CATEGORY_ICON: Record<Category, LucideIcon> = {
  water: Droplets,
  sanitation: Toilet,
  storage: Package,
  cooking: CookingPot,
  space: House,
  electricity: Bolt,
  refrigeration: Refrigerator,
  nutrition: Salad,
  food: Wheat,
  other: CircleEllipsis,
};

const isCategory = (c: string): c is Category => c in CATEGORY_ICON;

/** The category's icon in its colour (text-cat-*), aria-hidden. Unknown categories get "other". */
export function CategoryIcon({ category, size = 20, className }: { category: string; size?: number; className?: string }) {
  const c = isCategory(category) ? category : "other";
  const Icon = CATEGORY_ICON[c];
  return <Icon aria-hidden="true" focusable="false" size={size} strokeWidth={2.25} className={cx(CATEGORY_TEXT[c], "shrink-0", className)} />;
}

/** Literal class names so Tailwind sees them. */
export const CATEGORY_TEXT: Record<Category, string> = {
  water: "text-cat-water",
  sanitation: "text-cat-sanitation",
  storage: "text-cat-storage",
  cooking: "text-cat-cooking",
  space: "text-cat-space",
  electricity: "text-cat-electricity",
  refrigeration: "text-cat-refrigeration",
  nutrition: "text-cat-nutrition",
  food: "text-cat-food",
  other: "text-cat-other",
};

export type Level = 0 | 1 | 2 | 3;
/** 0 critical, 1 precarious, 2 adequate, 3 good: a shape per level as well as a colour. */
export const LEVEL_ICON: Record<Level | 4, LucideIcon> = { 0: OctagonX, 1: TriangleAlert, 2: CircleCheckBig, 3: ShieldCheck, 4: CircleMinus };

export function LevelIcon({ level, size = 16, className }: { level: number; size?: number; className?: string }) {
  const l = (level >= 0 && level <= 3 ? level : 4) as Level | 4;
  const Icon = LEVEL_ICON[l];
  return <Icon aria-hidden="true" focusable="false" size={size} strokeWidth={2.5} className={cx("shrink-0", className)} />;
}
