// @ts-check
// Serwist in configurator mode: `next build && serwist build` bundles src/sw/sw.ts into public/sw.js.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { serwist } from "@serwist/next/config";

const revision = (file) => createHash("md5").update(readFileSync(file)).digest("hex");

export default serwist.withNextConfig((next) => {
  const dist = next.distDir.replace(/\/$/, "");
  return {
    swSrc: "src/sw/sw.ts",
    swDest: "public/sw.js",
    // Every page is dynamic (and carries a CSP nonce): precache static assets only — styles,
    // fonts, icons and the offline page. Scripts are cached at run time as her pages use them.
    precachePrerendered: false,
    globPatterns: [`${dist}/static/chunks/*.css`, `${dist}/static/media/*.woff2`, "public/*.{png,svg,ico}"],
    // Listed by hand: the Next transform would turn public/offline.html into a route URL.
    additionalPrecacheEntries: [{ url: "/offline.html", revision: revision("public/offline.html") }],
  };
});
