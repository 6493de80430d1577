"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { Series } from "./chart-colors";

const tick = { fontSize: 12, fill: "#44403c" };

/**
 * Stacked bars, one bar per row of `data`. The chart is a picture of the table next to it
 * (role="img" with a label); numbers sit on the segments so colour is never the only cue.
 * Animations are off: steady screenshots and no motion for those who dislike it.
 */
export function StackedBars({
  data,
  categoryKey,
  series,
  label,
  horizontal = false,
  height,
}: {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: Series[];
  label: string;
  horizontal?: boolean;
  height?: number;
}) {
  const h = height ?? (horizontal ? Math.max(160, 38 * data.length + 60) : 280);
  return (
    <div role="img" aria-label={label} style={{ width: "100%", height: h }} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 4, right: 8, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={tick} />
              <YAxis type="category" dataKey={categoryKey} width={110} tick={tick} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} tick={tick} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} tick={tick} width={44} />
            </>
          )}
          <Tooltip isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId={series.length > 1 ? "a" : undefined} fill={s.color} isAnimationActive={false}>
              <LabelList dataKey={s.key} position="center" fill="#ffffff" fontSize={11} formatter={(v: unknown) => (typeof v === "number" && v > 0 ? v : "")} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Lines over months (trends); a hidden value leaves a gap instead of a made-up point. */
export function Lines({ data, categoryKey, series, label }: { data: Record<string, string | number | null>[]; categoryKey: string; series: Series[]; label: string }) {
  return (
    <div role="img" aria-label={label} style={{ width: "100%", height: 280 }} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={categoryKey} tick={tick} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={tick} width={44} />
          <Tooltip isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={["", "6 3", "2 2", "8 2 2 2"][i % 4]}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
