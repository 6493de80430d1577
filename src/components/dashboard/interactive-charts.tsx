"use client";

import dynamic from "next/dynamic";
import { createContext, useContext } from "react";
import type { Series } from "./chart-colors";
import type { ChartRow } from "./charts";

/**
 * The coordinator's dashboard charts, interactive (a tooltip names each segment and its value):
 * Recharts, loaded with next/dynamic only here, on /coordinacion/panel, after the page. Until it
 * arrives (and without JavaScript) the server-drawn chart of charts.tsx stands in its place, so the
 * HTML carries the picture and the table beside it carries the numbers. The public dashboard keeps
 * the server-drawn charts only (its Lighthouse budget on a slow phone).
 */
export interface InteractiveChartProps {
  kind: "bars" | "columns";
  rows: ChartRow[];
  series: Series[];
  label: string;
  /** The page's locale, for the numbers in the tooltip. */
  locale: string;
}

const Fallback = createContext<React.ReactNode>(null);
function ServerDrawn() {
  return useContext(Fallback);
}

const RechartsChart = dynamic(() => import("./recharts-chart").then((m) => m.RechartsChart), { ssr: false, loading: ServerDrawn });

export function InteractiveChart({ fallback, ...props }: InteractiveChartProps & { fallback: React.ReactNode }) {
  return (
    <Fallback.Provider value={fallback}>
      <RechartsChart {...props} />
    </Fallback.Provider>
  );
}
