/** What the charts (charts.tsx) draw with. */
export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Level colours of globals.css (critical → good), 4.5:1 or better on white. */
export const LEVEL_COLORS = ["#b42318", "#a34e00", "#0e6e8c", "#1e3a8a"] as const;
export const URGENCY_COLORS = ["#57534e", "#0e6e8c", "#a34e00", "#b42318"] as const;
export const ONE_COLOR = "#9a3412";
