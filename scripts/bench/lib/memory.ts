/**
 * Full-export downloads with the server's memory watched: RSS polled from /proc every 5 ms,
 * and the kernel's own peak (VmHWM) reset before each download (clear_refs 5) so the peak
 * belongs to this download alone. A streamed export keeps the peak near the baseline
 * whatever the row count; a buffered one grows with it.
 */
import { readFileSync, writeFileSync } from "node:fs";

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export interface ExportRun {
  url: string;
  status: number;
  bytes: number;
  seconds: number;
  firstByteMs: number;
  chunked: boolean;
  contentType: string | null;
  baselineRssMb: number;
  peakRssMb: number;
  growthMb: number;
  peakSource: "VmHWM" | "polling";
}

export async function measureExport(url: string, pid: number): Promise<ExportRun & { body: Buffer }> {
  // Settle: let the previous request's garbage go before taking the baseline.
  await new Promise((r) => setTimeout(r, 300));
  const baseline = statusKb(pid, "VmRSS");
  const hwmReset = resetPeak(pid);
  let polled = baseline;
  const timer = setInterval(() => {
    try {
      polled = Math.max(polled, statusKb(pid, "VmRSS"));
    } catch {
      /* process gone */
    }
  }, 5);
  const t0 = performance.now();
  let firstByteMs = NaN;
  const chunks: Buffer[] = [];
  let res: Response;
  try {
    res = await fetch(url);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t0;
      chunks.push(Buffer.from(value));
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  polled = Math.max(polled, statusKb(pid, "VmRSS"));
  const hwm = hwmReset ? statusKb(pid, "VmHWM") : NaN;
  const peak = Number.isNaN(hwm) ? polled : Math.max(hwm, polled);
  const body = Buffer.concat(chunks);
  const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
  return {
    url,
    status: res.status,
    bytes: body.length,
    seconds: Math.round(seconds * 1000) / 1000,
    firstByteMs: Math.round(firstByteMs * 10) / 10,
    chunked: (res.headers.get("transfer-encoding") ?? "").includes("chunked") || !res.headers.has("content-length"),
    contentType: res.headers.get("content-type"),
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peak),
    growthMb: mb(peak - baseline),
    peakSource: hwmReset ? "VmHWM" : "polling",
    body,
  };
}
