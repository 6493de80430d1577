import { sql } from "drizzle-orm";
import { getDbHandle } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";

export const dynamic = "force-dynamic";

/** 200 when the database answers within 2 s, 503 otherwise (for load balancers and uptime checks). */
export async function GET(req: Request) {
  const refused = refuseBody(req);
  if (refused) return refused;
  const started = Date.now();
  try {
    const { db, kind } = await withTimeout(getDbHandle(), 4000);
    await withTimeout(db.execute(sql`select 1`), 2000);
    return Response.json({ status: "ok", database: { reachable: true, kind, latencyMs: Date.now() - started } }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable", database: { reachable: false } }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
