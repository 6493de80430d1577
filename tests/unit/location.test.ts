import { describe, expect, it } from "vitest";
import { distanceMeters, isInLima } from "~/server/domain/location";

describe("location", () => {
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
