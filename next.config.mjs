import createNextIntlPlugin from "next-intl/plugin";
import "./src/env.js";
import { contentSecurityPolicy, SECURITY_HEADERS } from "./src/server/http/security-headers.js";

// Messages are compiled at build time (ICU → a compact form), so no page ships the ICU parser
// (~12 KB gzipped of every page's JavaScript on a delegate's prepaid phone).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Security headers: one module (src/server/http/security-headers.js). The CSP of pages, with a
// fresh nonce each, is set by src/proxy.ts; here, the other headers on every response, and
// the nonce-free CSP on the build's static files and route handlers, which the proxy does not run for.
const staticCsp = contentSecurityPolicy({ dev: process.env.NODE_ENV === "development", tileUrl: process.env.NEXT_PUBLIC_TILE_URL });

/** @type {import("next").NextConfig} */
const config = {
  // A separate build folder per parallel checkout/test run (NEXT_DIST_DIR), ".next" by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and data files through file URLs that the bundler breaks.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  experimental: {
    // Form posts to server actions (language, sign-out, the delegate's phone forms) are a few KB;
    // Next refuses bigger bodies before parsing them (its default is 1 MB). Route handlers read
    // theirs through src/server/http/body-limit.ts. A photo upload will need its own, explicit limit.
    serverActions: { bodySizeLimit: "128kb" },
    // Pages go through src/proxy.ts, and Next copies a request's body for the proxy up to this
    // size (10 MB by default): no page takes more than a server action's 128 KB.
    proxyClientMaxBodySize: "128kb",
  },
  // Federation: the JWKS at its well-known address (the handler lives with the other /api routes).
  async rewrites() {
    return [{ source: "/.well-known/jwks.json", destination: "/api/federation/v1/jwks.json" }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: staticCsp }] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: staticCsp }] },
    ];
  },
};

export default withNextIntl(config);
