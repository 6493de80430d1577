import { describe, expect, it } from "vitest";
import { FEED_FORMAT, ZFeedPage, daysOf, privateLookingKeys, scheduleOf } from "~/server/domain/federation-feed";
import { classifyAddress, parsePeerUrl } from "~/server/domain/federation-net";

describe("peer addresses", () => {
  it.each([
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "private"],
    ["100.64.0.1", "private"],
    ["0.0.0.0", "private"],
    ["224.0.0.1", "private"],
    ["fd00::1", "private"],
    ["fe80::1", "private"],
    ["::", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.8.8.8", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["190.117.1.1", "ok"],
    ["2800:200::1", "ok"],
    ["not-an-ip", "invalid"],
  ])("%s is %s", (ip, verdict) => {
    expect(classifyAddress(ip, false)).toBe(verdict);
  });

  it("loopback only with the setting; private never", () => {
    expect(classifyAddress("127.0.0.1", true)).toBe("ok");
    expect(classifyAddress("10.0.0.1", true)).toBe("private");
  });

  it("normalises a peer URL and refuses other schemes and credentials", () => {
    expect(parsePeerUrl(" https://ollas-ves.pe/ ")).toEqual({ ok: true, url: "https://ollas-ves.pe" });
    expect(parsePeerUrl("https://ollas.pe/red/?x=1#y")).toEqual({ ok: true, url: "https://ollas.pe/red" });
    expect(parsePeerUrl("ftp://ollas.pe")).toEqual({ ok: false, reason: "scheme" });
    expect(parsePeerUrl("https://a:b@ollas.pe")).toEqual({ ok: false, reason: "credentials" });
    expect(parsePeerUrl("ollas.pe")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("feed helpers", () => {
  it("finds private-looking keys at any depth, not values", () => {
    expect(privateLookingKeys({ items: [{ service: { telefono: "1" } }] })).toEqual(["$.items[0].service.telefono"]);
    expect(privateLookingKeys({ a: { contact_phone: 1, email: 2, direccion: 3 } })).toHaveLength(3);
    expect(privateLookingKeys({ x_location_precision: "exact", description: "teléfono de la olla" })).toEqual([]);
  });

  it("cooking days round-trip through an HSDS weekly schedule", () => {
    expect(scheduleOf(["sat", "mon", "wed"])).toEqual([{ freq: "WEEKLY", byday: "MO,WE,SA" }]);
    expect(scheduleOf([])).toEqual([]);
    expect(daysOf(scheduleOf(["mon", "sun"]))).toEqual(["mon", "sun"]);
  });
});

describe("feed ids", () => {
  const page = (id: string) => ({
    format: FEED_FORMAT,
    instance: { name: "Red A", url: "https://a.example" },
    epoch: "5b0f2a36-64a1-4c3e-9a55-7d1f0e0c2b11",
    since: 0,
    next: 1,
    has_more: false,
    generated_at: "2026-12-03T15:00:00.000Z",
    items: [{ seq: 1, op: "remove", type: "service", id }],
    aggregates: null,
  });

  it("accepts any id PostgreSQL's uuid type holds (md5(…)::uuid is not an RFC version), refuses what is not one", () => {
    // md5('x')::uuid: version nibble 3 and variant nibble 'b' only by chance; this one has neither.
    expect(ZFeedPage.safeParse(page("9dd4e461-268c-8034-f5c8-564e155c67a6")).success).toBe(true);
    expect(ZFeedPage.safeParse(page("5b0f2a36-64a1-4c3e-9a55-7d1f0e0c2b11")).success).toBe(true);
    expect(ZFeedPage.safeParse(page("not-a-uuid")).success).toBe(false);
    expect(ZFeedPage.safeParse(page("9dd4e461268c8034f5c8564e155c67a6")).success).toBe(false);
  });
});
