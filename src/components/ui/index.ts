/** The design system's primitives; see each file's header for its API. */
export { Badge, CategoryBadge, UrgencyBadge, type BadgeTone, type Urgency } from "./badge";
export { Button, ButtonLink, buttonClass, type ButtonVariant } from "./button";
export { Card, LinkCard } from "./card";
export { cx } from "./cx";
export { EmptyState } from "./empty-state";
export { Field, Input, Select, Textarea, errorId, hintId } from "./field";
export { CATEGORY_ICON, CATEGORY_TEXT, CategoryIcon, LEVEL_ICON, LevelIcon, type Category, type Level } from "./icons";
export { Logo, Wordmark } from "./logo";
export { Skeleton, SkeletonCard, SkeletonText } from "./skeleton";
export { TableScroll } from "./table-scroll";
