/**
 * Open-loop load at a constant arrival rate: one request every 1000/rate ms whatever the
 * answers do, each latency measured from the moment the request was due (so a slow server
 * cannot hide its queue: no coordinated omission). This is what "p99 at 100 req/s" means.
 *
 * Why not autocannon for this figure: in its rate mode each connection sends its quota for the
 * second back-to-back and then waits for the next second, so "100 req/s over 10 connections" is
 * a burst of 100 requests at the top of every second (their p99 is the time to drain the
 * burst), not 100 requests a second. Reads keep using autocannon (closed loop, no rate).
 */
import http from "node:http";
import { cpuMs, type LoadResult } from "./load";
import { summarize } from "./stats";

export async function paced(opts: {
  url: string;
  method?: string;
  rate: number;
  seconds: number;
  /** Headers and body of the next request (called once per request, in order). */
  request: () => { headers: Record<string, string>; body?: string };
  /** The server's pid: its CPU time per request is measured over the phase. */
  cpuPid?: number;
}): Promise<LoadResult> {
  const url = new URL(opts.url);
  // Enough sockets that a queue forms in the server, not in the client.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const interval = 1000 / opts.rate;
  const total = Math.round(opts.rate * opts.seconds);
  const times: number[] = [];
  const codes: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const cpu0 = opts.cpuPid ? cpuMs(opts.cpuPid) : 0;
  const start = performance.now();

  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { headers, body } = opts.request();
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? "GET", headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers },
        (res) => {
          res.on("data", (d: Buffer) => (bytes += d.length));
          res.on("end", () => {
            times.push(performance.now() - due);
            codes[res.statusCode ?? 0] = (codes[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });

  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(due));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const cpu = opts.cpuPid ? cpuMs(opts.cpuPid) - cpu0 : null;
  const non2xx = Object.entries(codes)
    .filter(([c]) => Number(c) < 200 || Number(c) >= 300)
    .reduce((a, [, n]) => a + n, 0);
  return {
    ...(cpu !== null && times.length ? { serverCpuMsPerRequest: Math.round((cpu / times.length) * 10) / 10, serverCpuCores: Math.round((cpu / (elapsed * 1000)) * 100) / 100 } : {}),
    ...summarize(times),
    connections: 0,
    seconds: opts.seconds,
    rate: opts.rate,
    requests: total,
    reqPerSec: Math.round((times.length / elapsed) * 10) / 10,
    bytesPerSec: Math.round(bytes / elapsed),
    non2xx,
    errors,
    statusCodes: codes,
  };
}
