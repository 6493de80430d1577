/** HTTP load on loopback with autocannon; every response time is kept so p95 is exact. */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { summarize, type LatencySummary } from "./stats";

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = ((opts: Record<string, unknown>, cb: (err: Error | null, res: AutocannonResult) => void) => AutocannonInstance) & {
  track?: unknown;
};
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export interface LoadResult extends LatencySummary {
  connections: number;
  seconds: number;
  rate: number | null;
  requests: number;
  reqPerSec: number;
  bytesPerSec: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU time the server process spent per answered request (user + system), when its pid was given. */
  serverCpuMsPerRequest?: number;
  /** Share of one core the server process used during the phase. */
  serverCpuCores?: number;
}

/**
 * CPU of every PostgreSQL process on this machine so far, in ms (the server and its backends,
 * found as processes named postgres): what the database spends on a phase, beside the app.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) continue;
      total += cpuMs(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** User + system CPU of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[11] and [12] are utime and stime (the 14th and 15th fields of the whole line).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function load(opts: {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second across all connections (open loop per connection). */
  overallRate?: number;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  /** The server's pid: its CPU time per request is measured over the phase. */
  cpuPid?: number;
}): Promise<LoadResult> {
  const cpu0 = opts.cpuPid ? cpuMs(opts.cpuPid) : 0;
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const codes: Record<string, number> = {};
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        overallRate: opts.overallRate,
        timeout: 30,
        requests: [
          {
            method: opts.method ?? "GET",
            headers: opts.headers ?? {},
            body: opts.body,
            ...(opts.setupRequest ? { setupRequest: opts.setupRequest } : {}),
          },
        ],
      },
      (err, res) => {
        if (err) return reject(err);
        const cpu = opts.cpuPid ? cpuMs(opts.cpuPid) - cpu0 : null;
        resolve({
          ...(cpu !== null && times.length
            ? { serverCpuMsPerRequest: Math.round((cpu / times.length) * 10) / 10, serverCpuCores: Math.round((cpu / (res.duration * 1000)) * 100) / 100 }
            : {}),
          ...summarize(times),
          connections: opts.connections,
          seconds: opts.seconds,
          rate: opts.overallRate ?? null,
          requests: res.requests.total,
          reqPerSec: Math.round((times.length / res.duration) * 10) / 10,
          bytesPerSec: Math.round(res.throughput.average),
          non2xx: res.non2xx,
          errors: res.errors + res.timeouts,
          statusCodes: codes,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      times.push(ms);
      codes[status] = (codes[status] ?? 0) + 1;
    });
  });
}
