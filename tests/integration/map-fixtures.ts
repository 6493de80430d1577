/** Helpers shared by the map integration tests: ollas at chosen points, assessments, needs. */
import { assessments, needs, ollas } from "~/server/db/schema";
import type { Db } from "~/server/db/client";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import type { ProblemCategory } from "~/shared/assessment";

let seq = 0;

export async function insertOlla(
  db: Db,
  o: { name?: string; zoneId: string; district: string; lat: number; lng: number; status?: "active" | "paused" | "closed"; publishExact?: boolean } & Partial<typeof ollas.$inferInsert>,
): Promise<string> {
  seq++;
  const seed = 1000 + seq * 7919;
  const pub = publicPoint({ lat: o.lat, lng: o.lng }, seed, o.publishExact ?? false, locationKey());
  const { name, district, ...rest } = o;
  const [row] = await db
    .insert(ollas)
    .values({
      ...rest,
      name: name ?? `Olla de prueba ${seq}`,
      districtUbigeo: district,
      status: o.status ?? "active",
      locationSeed: seed,
      publicLat: pub.lat,
      publicLng: pub.lng,
      publishExact: o.publishExact ?? false,
    })
    .returning({ id: ollas.id });
  return row!.id;
}

export async function assess(db: Db, ollaId: string, levels: Partial<Record<ProblemCategory, number>>, assessedOn = "2026-01-10") {
  const rows = Object.entries(levels).map(([category, level]) => ({ ollaId, category: category as ProblemCategory, level: level!, assessedOn }));
  if (rows.length) await db.insert(assessments).values(rows);
}

export async function addNeed(
  db: Db,
  ollaId: string,
  n: { urgency: "low" | "medium" | "high" | "critical"; status?: "open" | "in_progress" | "met" | "cancelled"; visibility?: "public" | "network"; description?: string; category?: "water" | "food" | "other" },
) {
  const status = n.status ?? "open";
  await db.insert(needs).values({
    ollaId,
    category: n.category ?? "water",
    description: n.description ?? `Necesidad ${n.urgency}`,
    urgency: n.urgency,
    status,
    visibility: n.visibility ?? "public",
    closedAt: status === "met" || status === "cancelled" ? new Date() : null,
  });
}

/** The whole of Lima and Callao, generously. */
export const LIMA_BBOX = { west: -77.4, south: -12.7, east: -76.4, north: -11.4 };
