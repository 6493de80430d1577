/**
 * First-load JavaScript per route, from the build itself: the root main files of
 * build-manifest.json plus the entry chunks of the route's layouts and page
 * (page_client-reference-manifest.js, entryJSFiles), each file gzipped (level 9) once.
 * Polyfills (nomodule, not loaded by current browsers) and the global-error boundary are
 * not counted.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export interface RouteJs {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...manifests(p));
    else if (name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

export function firstLoadJs(distDir: string): RouteJs[] {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const gz = new Map<string, [number, number]>();
  const size = (f: string): [number, number] => {
    let s = gz.get(f);
    if (!s) {
      const buf = readFileSync(path.join(distDir, f));
      s = [buf.length, gzipSync(buf, { level: 9 }).length];
      gz.set(f, s);
    }
    return s;
  };
  const appDir = path.join(distDir, "server", "app");
  const routes: RouteJs[] = [];
  for (const file of manifests(appDir)) {
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route] = {...}.
    const sandbox: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
    for (const [key, m] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      const route = key.replace(/\/page$/, "") || "/";
      if (route.startsWith("/_")) continue;
      const files = new Set(build.rootMainFiles);
      for (const [entry, chunks] of Object.entries(m.entryJSFiles ?? {})) {
        if (entry.includes("builtin/global-error")) continue;
        for (const c of chunks) files.add(c);
      }
      let raw = 0;
      let gzip = 0;
      for (const f of files) {
        const [r, g] = size(f);
        raw += r;
        gzip += g;
      }
      routes.push({ route, files: files.size, rawBytes: raw, gzipBytes: gzip });
    }
  }
  // What every route carries before any code of its own: Next.js's and React's runtime.
  let raw = 0;
  let gzip = 0;
  for (const f of build.rootMainFiles) {
    const [r, g] = size(f);
    raw += r;
    gzip += g;
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return [{ route: "(root main files: Next.js and React, on every page)", files: build.rootMainFiles.length, rawBytes: raw, gzipBytes: gzip }, ...routes];
}

/**
 * The chunks the map loads after its first load: those holding Leaflet itself (found by a
 * class name only Leaflet's source has), gzip bytes in all.
 */
export function leafletChunkBytes(distDir: string): number {
  const dir = path.join(distDir, "static", "chunks");
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".js")) {
        const buf = readFileSync(p);
        if (buf.includes("leaflet-zoom-animated")) total += gzipSync(buf, { level: 9 }).length;
      }
    }
  };
  walk(dir);
  return total;
}
