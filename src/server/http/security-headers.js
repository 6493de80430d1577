/* global crypto, btoa -- Web APIs on Node 20 and in the proxy */
/**
 * Every security header of the app, in one place. Plain JavaScript so that both
 * next.config.mjs (headers on every response, static files included) and src/proxy.ts (the
 * Content-Security-Policy with a fresh nonce per page) read the same values.
 *
 * Pages get `script-src 'nonce-…' 'strict-dynamic'`: only the scripts Next.js renders with
 * that request's nonce run, and the chunks they load; an injected `<script>` or inline handler
 * does not, even on the same origin. No 'unsafe-inline' for scripts. Styles keep
 * 'unsafe-inline' (Leaflet and Recharts set style attributes; a nonce in style-src would make
 * browsers ignore 'unsafe-inline'). Other responses (the API, /sw.js, the manifest, icons,
 * /_next/*) get the same policy with `script-src 'self'`: a service worker's own
 * importScripts must not need a nonce.
 */

const DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/** The origin of the configured map tiles ("{s}." subdomains become "*."), for img-src. */
export function tileOrigin(tileUrl = DEFAULT_TILE_URL) {
  try {
    return new URL(tileUrl.replace(/\{[a-z]\}/g, "a")).origin.replace("//a.", "//*.");
  } catch {
    return "https://tile.openstreetmap.org";
  }
}

/**
 * The Content-Security-Policy value.
 * @param {{ nonce?: string | null, dev?: boolean, tileUrl?: string }} [opts]
 *   nonce: this page's nonce (null for responses that are not pages); dev: `next dev` needs eval.
 * @returns {string}
 */
export function contentSecurityPolicy(opts = {}) {
  const { nonce = null, dev = false, tileUrl } = opts;
  const tiles = [...new Set([tileOrigin(tileUrl), "https://tile.openstreetmap.org", "https://*.tile.openstreetmap.org"])].join(" ");
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // The configured tiles and OpenStreetMap's: the tile URL is inlined into the browser's
    // bundle at build time while this policy is computed at run time, so a server started
    // with another NEXT_PUBLIC_TILE_URL than its build must still let the built one load.
    `img-src 'self' data: blob: ${tiles}`,
    "font-src 'self'",
    // Tiles here too: a service worker that caches them fetches them itself, under the
    // policy of /sw.js, where fetch() answers to connect-src.
    `connect-src 'self' ${tiles}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers every response carries besides the CSP (next.config.mjs sets them on every path). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self)" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * Whether a request is for a page (HTML or its RSC payload), which gets a nonce. Not the API,
 * and not a file (a last segment with an extension: /sw.js, /manifest.webmanifest,
 * /icons/192.png, /favicon.ico), whose policy must not depend on a nonce.
 * @param {string} pathname
 */
export function isPageRequest(pathname) {
  if (pathname === "/api" || pathname.startsWith("/api/")) return false;
  return !/\/[^/]*\.[A-Za-z0-9]+$/.test(pathname);
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
