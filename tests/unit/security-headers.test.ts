/**
 * The one module of security headers (src/server/http/security-headers.js): pages get a
 * nonce and 'strict-dynamic' and never 'unsafe-inline' for scripts; files and the API get a
 * nonce-free policy a service worker can live with; which requests count as pages.
 */
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isPageRequest, newNonce, SECURITY_HEADERS } from "~/server/http/security-headers.js";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("a page's scripts need its nonce; no inline scripts, no eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123" });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(d);
    // Styles stay inline-able (Leaflet, Recharts): no nonce there, or browsers would ignore 'unsafe-inline'.
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("responses that are not pages: same-origin scripts only, no nonce", () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, "script-src")).toBe("script-src 'self'");
    expect(directive(csp, "worker-src")).toBe("worker-src 'self'");
    // A service worker that caches map tiles fetches them under this policy.
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://tile.openstreetmap.org https://*.tile.openstreetmap.org");
  });

  it("eval only for next dev", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n", dev: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("tiles from the configured host and OpenStreetMap's", () => {
    const img = directive(contentSecurityPolicy({ tileUrl: "https://{s}.tiles.example.pe/{z}/{x}/{y}.png" }), "img-src")!;
    expect(img).toContain("https://*.tiles.example.pe");
    expect(img).toContain("https://tile.openstreetmap.org");
    expect(directive(contentSecurityPolicy({ tileUrl: "not a url" }), "img-src")).toContain("https://tile.openstreetmap.org");
  });
});

describe("isPageRequest", () => {
  it("pages get a nonce; the API and files do not", () => {
    for (const p of ["/", "/mapa", "/ollas/5f0c6a7e-1111-4222-8333-444455556666", "/mi-olla/x/almacen", "/invitacion/ABCD-EFGH-JKLM"]) expect(isPageRequest(p), p).toBe(true);
    for (const p of ["/api/trpc/me.get", "/api", "/api/public/v1/ollas.csv", "/sw.js", "/manifest.webmanifest", "/icons/icon-192.png", "/favicon.ico", "/icon.svg"]) expect(isPageRequest(p), p).toBe(false);
  });
});

describe("newNonce", () => {
  it("128 random bits, base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("the other headers", () => {
  it("nosniff, frame denial, referrer policy, permissions, opener isolation", () => {
    expect(Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
  });
});
