import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPROX_MAX_M, APPROX_MIN_M, approximateLocation, distanceMeters, isInLima, publicLocation } from "~/server/domain/location";

const limaPoint = fc.record({ lat: fc.double({ min: -12.5, max: -11.6, noNaN: true }), lng: fc.double({ min: -77.2, max: -76.65, noNaN: true }) });
const seed = fc.integer({ min: 1, max: 0x7ffffffe });

describe("approximate public location", () => {
  it("is 250–500 m from the exact point (allowing the 4-decimal rounding)", () => {
    fc.assert(
      fc.property(limaPoint, seed, (p, s) => {
        const d = distanceMeters(p, approximateLocation(p, s));
        expect(d).toBeGreaterThanOrEqual(APPROX_MIN_M);
        expect(d).toBeLessThanOrEqual(APPROX_MAX_M);
      }),
    );
  });

  it("is deterministic: the same olla gives the same point every time (nothing to average away)", () => {
    fc.assert(
      fc.property(limaPoint, seed, (p, s) => {
        expect(approximateLocation(p, s)).toEqual(approximateLocation(p, s));
      }),
    );
  });

  it("different ollas at the same spot are moved in every direction, not along one line", () => {
    const p = { lat: -12.0, lng: -77.0 };
    const pts = Array.from({ length: 400 }, (_, i) => approximateLocation(p, i + 1));
    expect(new Set(pts.map((q) => `${q.lat},${q.lng}`)).size).toBeGreaterThan(360);
    const quadrants = [0, 0, 0, 0];
    for (const q of pts) quadrants[(q.lat > p.lat ? 0 : 1) + (q.lng > p.lng ? 0 : 2)]!++;
    for (const n of quadrants) expect(n).toBeGreaterThan(60);
  });

  it("publishes the exact point only when the olla opted in", () => {
    const p = { lat: -12.012345, lng: -77.012345 };
    expect(publicLocation(p, 42, true)).toEqual(p);
    expect(publicLocation(p, 42, false)).not.toEqual(p);
  });

  it("knows Lima and Callao from elsewhere", () => {
    expect(isInLima({ lat: -12.0464, lng: -77.0428 })).toBe(true); // Plaza Mayor
    expect(isInLima({ lat: -12.0621, lng: -77.1503 })).toBe(true); // Callao
    expect(isInLima({ lat: -16.409, lng: -71.5375 })).toBe(false); // Arequipa
    expect(isInLima({ lat: 12.0464, lng: 77.0428 })).toBe(false);
  });

  it("measures distances like a map does", () => {
    // Plaza Mayor to Plaza San Martín is about 650 m.
    const d = distanceMeters({ lat: -12.0453, lng: -77.0311 }, { lat: -12.0517, lng: -77.0347 });
    expect(d).toBeGreaterThan(700);
    expect(d).toBeLessThan(900);
  });
});
