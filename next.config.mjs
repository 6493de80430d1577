import createNextIntlPlugin from "next-intl/plugin";
import "./src/env.js";

// Messages are compiled at build time (ICU → a compact form), so no page ships the ICU parser
// (~12 KB gzipped of every page's JavaScript on a delegate's prepaid phone).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Security headers for every response. The CSP allows tiles from the configured
// tile host only (img-src), inline styles (Leaflet and Recharts set style attributes)
// and no inline or foreign scripts except Next's own runtime chunks.
const tileOrigin = (() => {
  try {
    return new URL((process.env.NEXT_PUBLIC_TILE_URL ?? "https://tile.openstreetmap.org/{z}/{x}/{y}.png").replace(/\{[a-z]\}/g, "a")).origin.replace("//a.", "//*.");
  } catch {
    return "https://tile.openstreetmap.org";
  }
})();
const isDev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${tileOrigin} https://*.tile.openstreetmap.org`,
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

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
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self)" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(config);
