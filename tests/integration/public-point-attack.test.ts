import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ollas } from "~/server/db/schema";
import { distanceMeters, type LatLng } from "~/server/domain/location";
import { cellCenter, cellOf, publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { ensurePublicPoints } from "~/server/services/public-points";
import { rowsOf } from "~/server/db/client";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, profileInput, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const M_PER_DEG = (Math.PI * 6_371_008.8) / 180;
function move(p: LatLng, north: number, east: number): LatLng {
  const lat = p.lat + north / M_PER_DEG;
  const lng = p.lng + east / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/** The delegate sets her olla's exact point (and whether to publish it) through the app. */
async function setLocation(location: LatLng, publishExact: boolean) {
  const me = w.caller("delegateA");
  const { profile } = await me.olla.get({ ollaId: w.ollas.a });
  await me.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, location, publishExact });
}

/** What a signed-out visitor sees. */
async function seen(): Promise<LatLng> {
  const pub = await w.caller("anon").olla.publicProfile({ ollaId: w.ollas.a });
  return { lat: pub.lat, lng: pub.lng };
}

describe("public point against someone who once knew the exact point", () => {
  it("later private moves are located no better than their ~500 m cell", async () => {
    // 1. The olla publishes its exact point once: the attacker writes it down.
    const e0 = { lat: -12.017731, lng: -77.004419 };
    await setLocation(e0, true);
    expect(await seen()).toEqual(e0);
    // 2. It hides it: the attacker now knows (exact, public) for one moment, i.e. the old offset.
    await setLocation(e0, false);
    const p0 = await seen();
    const offset = { lat: p0.lat - e0.lat, lng: p0.lng - e0.lng };

    // 3. It moves several times, privately: three spots in each of eight cells around.
    let rnd = 2026;
    const next = () => ((rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const errors: number[] = [];
    const byCell = new Map<string, string[]>();
    for (let c = 0; c < 8; c++) {
      const centre = cellCenter(cellOf(move(e0, (next() - 0.5) * 2400, (next() - 0.5) * 2400)));
      for (let k = 0; k < 3; k++) {
        const e = move(centre, (next() - 0.5) * 460, (next() - 0.5) * 460);
        await setLocation(e, false);
        const p = await seen();
        // The attack that recovered the old scheme's moves within 2–6 m.
        errors.push(distanceMeters(e, { lat: p.lat - offset.lat, lng: p.lng - offset.lng }));
        const cell = `${cellOf(e).i}:${cellOf(e).j}`;
        byCell.set(cell, [...(byCell.get(cell) ?? []), `${p.lat},${p.lng}`]);
        expect(distanceMeters(e, p)).toBeLessThanOrEqual(720);
      }
    }
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    console.info(
      `public point attack: ${errors.length} private moves over ${byCell.size} cells; attacker's mean error ${mean.toFixed(0)} m (min ${Math.min(...errors).toFixed(0)} m)`,
    );
    expect(mean).toBeGreaterThanOrEqual(100);
    // Moves inside one cell change nothing the public can see…
    for (const points of byCell.values()) expect(new Set(points).size).toBe(1);
    // …and different cells give unrelated points.
    expect(new Set([...byCell.values()].map((p) => p[0])).size).toBe(byCell.size);
  });
});

describe("recomputing stored public points (scheme version + LOCATION_KEY)", () => {
  const publicOf = async () =>
    rowsOf<{ id: string; lat: number; lng: number; public_lat: number; public_lng: number; location_seed: number; publish_exact: boolean }>(
      await t.db.execute(sql`select id, lat, lng, public_lat, public_lng, location_seed, publish_exact from ollas order by id`),
    );

  it("a points table from an older scheme is recomputed once at start-up, then left alone", async () => {
    // Stored under the old per-olla offset (any other point) and no fingerprint: as after the migration.
    await t.db.update(ollas).set({ publicLat: -12.0, publicLng: -77.0, publishExact: false }).where(eq(ollas.id, w.ollas.b));
    await t.db.execute(sql`delete from public_point_scheme`);
    const first = await ensurePublicPoints(t.db, locationKey());
    expect(first.recomputed).toBe(true);
    expect(first.changed).toBeGreaterThanOrEqual(1);
    for (const o of await publicOf()) {
      expect({ lat: o.public_lat, lng: o.public_lng }).toEqual(publicPoint({ lat: o.lat, lng: o.lng }, o.location_seed, o.publish_exact, locationKey()));
    }
    expect(await ensurePublicPoints(t.db, locationKey())).toEqual({ recomputed: false, changed: 0 });
  });

  it("a new LOCATION_KEY moves every hidden point; the published exact ones stay", async () => {
    const before = await publicOf();
    const other = "another-location-key-for-rotation-0123456789";
    const res = await ensurePublicPoints(t.db, other);
    const after = await publicOf();
    expect(res.changed).toBe(before.filter((o) => !o.publish_exact).length);
    after.forEach((o, i) => {
      expect({ lat: o.public_lat, lng: o.public_lng }).toEqual(publicPoint({ lat: o.lat, lng: o.lng }, o.location_seed, o.publish_exact, other));
      if (!o.publish_exact) expect(o.public_lat === before[i]!.public_lat && o.public_lng === before[i]!.public_lng).toBe(false);
    });
    // And back, so the profile versions never moved: a recompute is not an edit.
    const versions = await t.db.select({ v: ollas.version }).from(ollas);
    await ensurePublicPoints(t.db, locationKey());
    expect(await t.db.select({ v: ollas.version }).from(ollas)).toEqual(versions);
  });
});
