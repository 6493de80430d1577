/** Opens (and migrates, and on first start seeds) the database when the server starts, not on the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: stamp each request with its socket's address, which route handlers cannot see
    // (per-address login throttling must not trust a client-written X-Forwarded-For).
    const [{ installPeerAddressHook }, http] = await Promise.all([import("./server/http/peer-address"), import("node:http")]);
    installPeerAddressHook(http.default ?? http);
    const { getDbHandle } = await import("./server/db");
    await getDbHandle().catch((err: unknown) => {
      // The app still starts: /api/health answers 503 until the database is reachable.
      console.error(JSON.stringify({ event: "db-warmup-failed", error: (err as Error).message?.slice(0, 200) }));
    });
    const { schedulePersonalDataPurge } = await import("./server/services/personal-data-schedule");
    schedulePersonalDataPurge();
    const { scheduleFederationPulls } = await import("./server/services/federation/schedule");
    scheduleFederationPulls();
  }
}
