/**
 * True when a browser tells us the request comes from another site: an Origin that
 * differs from this host, or Sec-Fetch-Site "cross-site". Requests without either
 * (curl, server-to-server) carry no ambient browser cookies to abuse.
 */
export function isCrossSiteRequest(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site === "cross-site") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
