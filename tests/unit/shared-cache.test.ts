import { describe, expect, it } from "vitest";
import { sharedCache } from "~/server/services/shared-cache";

// The public dashboard's cache: one computation per key and minute, shared by every visitor.
describe("sharedCache", () => {
  const setup = (ttl = 60_000) => {
    let clock = 1_000;
    const cache = sharedCache(() => ttl, () => clock);
    let runs = 0;
    const compute = (v: string) => async () => {
      runs += 1;
      return `${v}#${runs}`;
    };
    return { cache, compute, advance: (ms: number) => (clock += ms), runs: () => runs };
  };
  const db = {};

  it("answers from memory within its lifetime, and computes again after it", async () => {
    const s = setup();
    expect(await s.cache.get(db, "city", s.compute("a"))).toBe("a#1");
    s.advance(59_999);
    expect(await s.cache.get(db, "city", s.compute("a"))).toBe("a#1");
    s.advance(1);
    expect(await s.cache.get(db, "city", s.compute("a"))).toBe("a#2");
    expect(s.runs()).toBe(2);
  });

  it("keeps each filter, and each database, apart", async () => {
    const s = setup();
    expect(await s.cache.get(db, "city", s.compute("city"))).toBe("city#1");
    expect(await s.cache.get(db, "150132", s.compute("sjl"))).toBe("sjl#2");
    expect(await s.cache.get({}, "city", s.compute("other db"))).toBe("other db#3");
    expect(await s.cache.get(db, "city", s.compute("city"))).toBe("city#1");
  });

  it("lets concurrent visitors share one computation", async () => {
    const s = setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.cache.get(db, "city", s.compute("a"))));
    expect(new Set(answers)).toEqual(new Set(["a#1"]));
    expect(s.runs()).toBe(1);
  });

  it("forgets a failed computation at once, so the next visitor tries again", async () => {
    const s = setup();
    await expect(s.cache.get(db, "city", () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    expect(await s.cache.get(db, "city", s.compute("a"))).toBe("a#1");
  });

  it("computes again at once when the data's version changed, and keeps answering under one version", async () => {
    const s = setup();
    expect(await s.cache.get(db, "plans", s.compute("a"), "v1")).toBe("a#1");
    expect(await s.cache.get(db, "plans", s.compute("a"), "v1")).toBe("a#1");
    expect(await s.cache.get(db, "plans", s.compute("a"), "v2")).toBe("a#2");
    s.advance(60_000);
    expect(await s.cache.get(db, "plans", s.compute("a"), "v2")).toBe("a#3");
  });

  it("with a lifetime of 0 computes every time", async () => {
    const s = setup(0);
    await s.cache.get(db, "city", s.compute("a"));
    await s.cache.get(db, "city", s.compute("a"));
    expect(s.runs()).toBe(2);
  });
});
