"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { InteractiveChartProps } from "./interactive-charts";

const ROW_PX = 34;

/** A segment as a plain rectangle (named as the server-drawn chart's are, for the tests). */
const segment = (p: BarShapeProps) => <rect x={p.x} y={p.y} width={Math.max(0, p.width ?? 0)} height={Math.max(0, p.height ?? 0)} fill={p.fill} data-testid="chart-segment" />;

/** One stacked chart drawn by Recharts: horizontal bars (one per row) or columns (months). */
export function RechartsChart({ kind, rows, series, label, locale }: InteractiveChartProps) {
  const nf = new Intl.NumberFormat(locale);
  const data = rows.map((r) => Object.fromEntries([["label", r.label], ...series.map((s, i) => [s.key, r.values[i] ?? null])]));
  const bars = kind === "bars";
  const height = bars ? Math.max(120, rows.length * ROW_PX + 70) : 280;
  return (
    <div className="chart chart-interactive" data-testid="chart" role="group" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout={bars ? "vertical" : "horizontal"} margin={{ top: 4, right: 20, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" horizontal={!bars} vertical={bars} />
          {bars ? (
            <>
              <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => nf.format(v)} />
              <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 13 }} interval={0} />
            </>
          ) : (
            <>
              <XAxis type="category" dataKey="label" tick={{ fontSize: 13 }} />
              <YAxis type="number" allowDecimals={false} tickFormatter={(v: number) => nf.format(v)} width={44} />
            </>
          )}
          <Tooltip formatter={(v) => (typeof v === "number" ? nf.format(v) : String(v ?? ""))} cursor={{ fill: "rgba(0,0,0,0.06)" }} isAnimationActive={false} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} isAnimationActive={false} shape={segment} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
