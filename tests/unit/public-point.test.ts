import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distanceMeters, type LatLng } from "~/server/domain/location";
import { CELL_M, MAX_OFFSET_M, cellCenter, cellOf, publicPoint, schemeFingerprint } from "~/server/domain/public-point";

const KEY = "unit-test-location-key-0123456789abcdef";
const limaPoint = fc.record({ lat: fc.double({ min: -12.5, max: -11.6, noNaN: true }), lng: fc.double({ min: -77.2, max: -76.65, noNaN: true }) });
const seed = fc.integer({ min: 1, max: 0x7ffffffe });

/** Moves p by metres north/east. */
function move(p: LatLng, north: number, east: number): LatLng {
  const m = (Math.PI * 6_371_008.8) / 180;
  return { lat: p.lat + north / m, lng: p.lng + east / (m * Math.cos((p.lat * Math.PI) / 180)) };
}

describe("public point (grid cell + keyed placement)", () => {
  it("is never more than ~700 m from the exact point", () => {
    fc.assert(
      fc.property(limaPoint, seed, (p, s) => {
        expect(distanceMeters(p, publicPoint(p, s, false, KEY))).toBeLessThanOrEqual(MAX_OFFSET_M);
      }),
    );
    expect(MAX_OFFSET_M).toBeLessThanOrEqual(720);
  });

  it("cells are ~500 m squares across Lima", () => {
    for (const p of [{ lat: -11.8, lng: -77.1 }, { lat: -12.05, lng: -77.0 }, { lat: -12.45, lng: -76.75 }]) {
      const c = cellCenter(cellOf(p));
      const next = cellCenter({ i: cellOf(p).i + 1, j: cellOf(p).j + 1 });
      expect(distanceMeters(c, { lat: next.lat, lng: c.lng })).toBeCloseTo(CELL_M, -1);
      expect(Math.abs(distanceMeters(c, { lat: c.lat, lng: next.lng }) - CELL_M)).toBeLessThan(10);
    }
  });

  it("depends on the cell only: every exact point of one cell gives the same public point", () => {
    fc.assert(
      fc.property(limaPoint, fc.double({ min: -245, max: 245, noNaN: true }), fc.double({ min: -240, max: 240, noNaN: true }), seed, (p, north, east, s) => {
        // another point of p's cell
        const inside = move(cellCenter(cellOf(p)), north, east);
        expect(cellOf(inside)).toEqual(cellOf(p));
        expect(publicPoint(inside, s, false, KEY)).toEqual(publicPoint(p, s, false, KEY));
      }),
    );
  });

  it("changes with the key and with the olla's seed, and the fingerprint says which key without revealing it", () => {
    const p = { lat: -12.017731, lng: -77.004419 };
    expect(publicPoint(p, 7, false, KEY)).not.toEqual(publicPoint(p, 7, false, `${KEY}x`));
    expect(publicPoint(p, 7, false, KEY)).not.toEqual(publicPoint(p, 8, false, KEY));
    expect(schemeFingerprint(KEY)).not.toEqual(schemeFingerprint(`${KEY}x`));
    expect(schemeFingerprint(KEY)).not.toContain(KEY.slice(0, 8));
  });

  it("ollas sharing a cell are spread around it, not stacked on one point", () => {
    const p = { lat: -12.0, lng: -77.0 };
    const pts = Array.from({ length: 400 }, (_, i) => publicPoint(p, i + 1, false, KEY));
    expect(new Set(pts.map((q) => `${q.lat},${q.lng}`)).size).toBeGreaterThan(360);
    const c = cellCenter(cellOf(p));
    const quadrants = [0, 0, 0, 0];
    for (const q of pts) quadrants[(q.lat > c.lat ? 0 : 1) + (q.lng > c.lng ? 0 : 2)]!++;
    for (const n of quadrants) expect(n).toBeGreaterThan(60);
  });

  it("publishes the exact point only when the olla opted in", () => {
    const p = { lat: -12.012345, lng: -77.012345 };
    expect(publicPoint(p, 42, true, KEY)).toEqual(p);
    expect(publicPoint(p, 42, false, KEY)).not.toEqual(p);
  });

  it("the attack: a known exact point plus later public points locate later private moves no better than the cell", () => {
    // The olla's exact point e0 became known once (published, or seen). Later it moves with
    // the exact point private. The attacker's best trick against the old fixed offset was
    // estimate = public - (public0 - e0).
    let rnd = 12345;
    const next = () => ((rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const s = 987654;
    const e0 = { lat: -12.017731, lng: -77.004419 };
    const p0 = publicPoint(e0, s, false, KEY);
    const offset = { lat: p0.lat - e0.lat, lng: p0.lng - e0.lng };
    const errors: number[] = [];
    for (let k = 0; k < 200; k++) {
      const e = move(e0, (next() - 0.5) * 3000, (next() - 0.5) * 3000);
      const p = publicPoint(e, s, false, KEY);
      errors.push(distanceMeters(e, { lat: p.lat - offset.lat, lng: p.lng - offset.lng }));
    }
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    console.info(`public point attack (unit): mean error ${mean.toFixed(0)} m over ${errors.length} private moves`);
    expect(mean).toBeGreaterThanOrEqual(100);
  });
});
