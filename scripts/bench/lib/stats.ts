export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles in milliseconds, rounded to 0.01 ms. */
export function summarize(samples: number[]): LatencySummary {
  const xs = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]! : NaN);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: xs.length,
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    mean: r(xs.reduce((s, x) => s + x, 0) / (xs.length || 1)),
    max: r(xs[xs.length - 1] ?? NaN),
  };
}
