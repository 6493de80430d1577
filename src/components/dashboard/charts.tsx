/**
 * The dashboard's charts, drawn on the server as plain HTML boxes: no chart library and no
 * JavaScript in the browser (Recharts, ~100 KB gz, cost the public dashboard a slow phone's
 * seconds of blocking time to draw what a table already says). Each chart is a picture of the
 * table beside it (role="img" with a label); numbers sit on the segments that have room for them
 * and the legend names every colour, so colour is never the only cue. No hooks: they render in
 * server components (the pages) as well as in client ones.
 */
import type { Series } from "./chart-colors";
import "./charts.css";

export interface ChartRow {
  key: string;
  label: string;
  /** One value per series; null is a hidden (suppressed) cell, drawn as nothing. */
  values: (number | null)[];
}

/** The smallest share of the scale a segment needs to carry its number inside it. */
const LABEL_MIN_SHARE = 0.09;

const total = (r: ChartRow) => r.values.reduce<number>((s, v) => s + (v ?? 0), 0);
const pct = (v: number, max: number) => `${max > 0 ? (v / max) * 100 : 0}%`;

function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className="chart-swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Stacked horizontal bars, one per row, all on the scale of the longest; its total at its end. */
export function StackedBars({ rows, series, label, format = String }: { rows: ChartRow[]; series: Series[]; label: string; format?: (n: number) => string }) {
  const max = Math.max(0, ...rows.map(total));
  return (
    <div role="img" aria-label={label} className="chart" data-testid="chart">
      <Legend series={series} />
      <div className="chart-hbars">
        {rows.map((r) => {
          const sum = total(r);
          return (
            <div key={r.key} className="chart-hrow">
              <span className="chart-hlabel">{r.label}</span>
              <span className="chart-htrack">
                {r.values.map((v, i) =>
                  v && v > 0 ? (
                    <span key={i} className="chart-seg" data-testid="chart-segment" style={{ width: pct(v, max), background: series[i]?.color }}>
                      {max > 0 && v / max >= LABEL_MIN_SHARE ? format(v) : null}
                    </span>
                  ) : null,
                )}
                <span className="chart-htotal">{format(sum)}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Stacked columns over time (trends): one column per month, on the scale of the tallest. */
export function StackedColumns({ rows, series, label, format = String }: { rows: ChartRow[]; series: Series[]; label: string; format?: (n: number) => string }) {
  const max = Math.max(0, ...rows.map(total));
  // Every month's name fits up to 12 columns on a phone; past that, every other one.
  const every = rows.length > 12 ? 2 : 1;
  return (
    <div role="img" aria-label={label} className="chart" data-testid="chart">
      <Legend series={series} />
      <div className="chart-cols" style={{ gridTemplateColumns: `repeat(${Math.max(1, rows.length)}, minmax(0, 1fr))` }}>
        {rows.map((r, c) => (
          <div key={r.key} className="chart-col">
            <span className="chart-vtrack">
              {r.values.map((v, i) =>
                v && v > 0 ? (
                  <span key={i} className="chart-seg" data-testid="chart-segment" style={{ height: pct(v, max), background: series[i]?.color }}>
                    {rows.length <= 12 && max > 0 && v / max >= LABEL_MIN_SHARE ? format(v) : null}
                  </span>
                ) : null,
              )}
            </span>
            <span className="chart-vlabel">{c % every === 0 ? r.label : ""}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
