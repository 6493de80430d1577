// @ts-check
// Serwist in configurator mode: `next build && serwist build` bundles src/sw/sw.ts into public/sw.js.
import { serwist } from "@serwist/next/config";

export default serwist.withNextConfig((next) => {
  const dist = next.distDir.replace(/\/$/, "");
  return {
    swSrc: "src/sw/sw.ts",
    swDest: "public/sw.js",
    // Every page is dynamic (and will carry a CSP nonce): precache static assets only.
    precachePrerendered: false,
    globPatterns: [`${dist}/static/css/**/*.css`, `${dist}/static/media/*.woff2`, "public/*.{png,svg,ico,html}"],
  };
});
