/**
 * Next.js proxy (the file Next 16 calls what was middleware): gives every page a fresh CSP
 * nonce. It only sets headers: it never redirects or rewrites, so /sw.js, the manifest,
 * icons and every other file are served as they are. Authorization is NOT here (CVE-2025-29927):
 * it lives in the tRPC procedures.
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isPageRequest, newNonce } from "~/server/http/security-headers.js";

const dev = process.env.NODE_ENV === "development";
const tileUrl = process.env.NEXT_PUBLIC_TILE_URL;

export function proxy(request: NextRequest) {
  const page = isPageRequest(request.nextUrl.pathname);
  const nonce = page ? newNonce() : null;
  const csp = contentSecurityPolicy({ nonce, dev, tileUrl });
  if (!page) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", csp);
    return response;
  }
  // Next reads the nonce from the request's CSP header and puts it on every script it renders.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  headers.set("x-nonce", nonce!);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // The build's own files (/_next/static, /_next/image) and the route handlers (/api/…) get
  // their CSP from next.config.mjs: no proxy run per chunk, and exactly one CSP header on every
  // response. Not running for /api also keeps Next from copying every request body for the
  // proxy (it buffers up to proxyClientMaxBodySize): route handlers read bodies themselves,
  // within their limits (src/server/http/body-limit.ts).
  matcher: ["/((?!_next/|api/).*)"],
};
