/** Building and running the production server for the benchmark, and signing in to it. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEV_LOCATION_KEY } from "~/server/location-key";

export const DIST_DIR = ".next-bench";
// Tiles from loopback, blank (lib/lighthouse.ts blankTileServer, started by run.ts): no DNS
// waits, no foreign requests in the timings, and no failed loads in the browser's console.
export const TILE_PORT = Number(process.env.BENCH_TILE_PORT ?? 3397);
export const TILE_URL = `http://127.0.0.1:${TILE_PORT}/{z}/{x}/{y}.png`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => out.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      writeFileSync(logFile, Buffer.concat(out));
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(" ")} exited ${code}; see ${logFile}\n${Buffer.concat(out).toString().slice(-3000)}`));
    });
  });
}

const SW_FILES = ["public/sw.js", "public/sw.js.map"];
let swBefore: Map<string, Buffer | null> | null = null;

/**
 * The checkout's own service worker (built for .next) as it was before the bench built one for
 * .next-bench: run.ts puts it back when the run ends, so `npm start` afterwards is not served a
 * worker whose precache names the bench build's files.
 */
export function restoreServiceWorker() {
  if (!swBefore) return;
  for (const [f, content] of swBefore) {
    if (content) writeFileSync(f, content);
    else rmSync(f, { force: true });
  }
  swBefore = null;
}

/**
 * `next build` into .next-bench, then `serwist build` for it: the worker precaches that build's
 * styles, so one built for another build (or none, in a fresh checkout) would never install, and
 * the phone visits (repeat, offline, reconnect) would wait for a worker that never comes. Next adds the dist folder's type globs to tsconfig.json;
 * those two entries are taken out again afterwards so the build leaves no change behind.
 */
export async function buildApp(logFile: string): Promise<number> {
  const t0 = performance.now();
  try {
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_PUBLIC_TILE_URL: TILE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    }, logFile);
    swBefore ??= new Map(SW_FILES.map((f) => [f, existsSync(f) ? readFileSync(f) : null]));
    await run(process.execPath, ["node_modules/@serwist/cli/cli.js", "build"], { ...process.env, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production" }, `${logFile}.serwist`);
  } finally {
    const tsconfig = path.resolve("tsconfig.json");
    const json = JSON.parse(readFileSync(tsconfig, "utf8")) as { include?: string[] };
    if (json.include?.some((p) => p.startsWith(`${DIST_DIR}/`))) {
      json.include = json.include.filter((p) => !p.startsWith(`${DIST_DIR}/`));
      writeFileSync(tsconfig, `${JSON.stringify(json, null, 2)}\n`);
    }
  }
  return (performance.now() - t0) / 1000;
}

export interface AppServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** `next start` (the real server process, not an npx wrapper) against the given database. */
export async function startApp(opts: { port: number; databaseUrl: string; secret: string; logFile: string; env?: Record<string, string> }): Promise<AppServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(opts.port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        DATABASE_URL: opts.databaseUrl,
        NEXTAUTH_SECRET: opts.secret,
        // The generator placed the public points with this key (scripts/bench/generate.ts).
        LOCATION_KEY: process.env.LOCATION_KEY ?? DEV_LOCATION_KEY,
        // The bench loads the exports from one address on purpose: no per-address limit here.
        OPEN_DATA_RATE_LIMIT: "0",
        NEXTAUTH_URL: url,
        SEED_DEMO: "0",
        NEXT_TELEMETRY_DISABLED: "1",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log: Buffer[] = [];
  child.stdout!.on("data", (d: Buffer) => log.push(d));
  child.stderr!.on("data", (d: Buffer) => log.push(d));
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 5000);
        child.on("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    writeFileSync(opts.logFile, Buffer.concat(log));
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited (${exited}) before it was healthy; see ${opts.logFile}\n${Buffer.concat(log).toString().slice(-2000)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy in 120 s; see ${opts.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid!, stop };
}

/** Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header. */
export async function login(base: string, identifier: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ identifier, password, csrfToken, callbackUrl: "/", json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`login as ${identifier} failed (HTTP ${res.status}): no session cookie`);
  }
  return header();
}
