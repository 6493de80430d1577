/**
 * callbackUrl never leads off-site: the login page's safeCallbackPath and next-auth's
 * redirect callback, over the usual open-redirect tricks (protocol-relative, backslash,
 * encoded, whitespace and control characters, userinfo, look-alike hosts).
 */
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "~/server/auth/login";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123";
const BASE = "https://ollas.example";

const OFFSITE = [
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "HTTPS://evil.example",
  "http://evil.example/mi-olla",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  "https:evil.example",
  "javascript:alert(document.cookie)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  `${BASE}.evil.example/`,
  `${BASE}@evil.example/`,
  "//evil.example@ollas.example",
  "/%2e%2e//evil.example",
  "%",
  "/%E0%A4%A",
];

describe("safeCallbackPath (the login page)", () => {
  it.each(OFFSITE)("refuses %j", (raw) => {
    const out = safeCallbackPath(raw, "/");
    // Resolved against this site, the result must stay on it.
    expect(new URL(out, BASE).origin).toBe(BASE);
    expect(out.startsWith("/") && !out.startsWith("//") && !out.includes("\\")).toBe(true);
  });
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/mi-olla/abc?x=1#y", "/")).toBe("/mi-olla/abc?x=1#y");
  });
});

describe("next-auth redirect callback", () => {
  it("never answers with another origin", async () => {
    const { authOptions } = await import("~/server/auth/options");
    const redirect = authOptions().callbacks!.redirect!;
    const bad: string[] = [];
    for (const url of OFFSITE) {
      const out = await redirect({ url, baseUrl: BASE });
      if (new URL(out, BASE).origin !== BASE) bad.push(`${url} -> ${out}`);
    }
    console.info(`redirect callback: ${OFFSITE.length} off-site values, ${bad.length} left the site`);
    expect(bad).toEqual([]);
    expect(await redirect({ url: "/coordinacion", baseUrl: BASE })).toBe(`${BASE}/coordinacion`);
    expect(await redirect({ url: `${BASE}/ollas`, baseUrl: BASE })).toBe(`${BASE}/ollas`);
  });
});
