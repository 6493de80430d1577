import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "~/server/auth/login";
import { hashInvitationCode, invitationState, newInvitationCode, normalizeInvitationCode } from "~/server/domain/invitation";
import { canSeeOlla, coordinatesOlla, scopeFrom } from "~/server/domain/scope";

describe("callbackUrl", () => {
  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "javascript:alert(1)", "evil.example", "/\u0000x"])(
    "never leaves the site: %s",
    (raw) => {
      expect(safeCallbackPath(raw, "/")).toBe("/");
    },
  );
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/mi-olla/abc?x=1", "/")).toBe("/mi-olla/abc?x=1");
    expect(safeCallbackPath(undefined, "/inicio")).toBe("/inicio");
  });
});

describe("next-auth redirect target", () => {
  const base = "http://ollas.test";
  it.each(["/\r\nSet-Cookie: x=1", "/mi-olla\n", "\r\n/inicio", `${base}/\r\nx`, "/a\u0000b", "/a\u007fb", "//evil.example", "https://evil.example/", "/\\evil.example"])(
    "falls back to the root for %j",
    (raw) => {
      expect(safeRedirectUrl(raw, base)).toBe(base);
    },
  );
  it("keeps same-site paths and URLs", () => {
    expect(safeRedirectUrl("/mi-olla/abc?x=1", base)).toBe(`${base}/mi-olla/abc?x=1`);
    expect(safeRedirectUrl(`${base}/inicio`, base)).toBe(`${base}/inicio`);
    expect(safeRedirectUrl("/%0d%0a", base)).toBe(`${base}/%0d%0a`);
  });
});

describe("invitation codes", () => {
  it("are 12 readable characters and typed back in any case or spacing", () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(code).not.toMatch(/[01ILOU]/);
    expect(hashInvitationCode(code.toLowerCase().replace(/-/g, " "))).toBe(hashInvitationCode(code));
    expect(normalizeInvitationCode(" ab-cd ")).toBe("ABCD");
  });
  it("have a state", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const future = new Date("2026-06-08T00:00:00Z");
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: future }, now)).toBe("open");
    expect(invitationState({ usedAt: now, revokedAt: null, expiresAt: future }, now)).toBe("used");
    expect(invitationState({ usedAt: null, revokedAt: now, expiresAt: future }, now)).toBe("revoked");
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
  });
});

describe("scope", () => {
  const olla = { id: "o1", zoneId: "z1" };
  it("a delegate sees her olla only; a zone coordinator her zone; the city everything", () => {
    expect(canSeeOlla(scopeFrom([{ role: "delegate", ollaId: "o1", zoneId: null }]), olla)).toBe(true);
    expect(canSeeOlla(scopeFrom([{ role: "delegate", ollaId: "o2", zoneId: null }]), olla)).toBe(false);
    expect(coordinatesOlla(scopeFrom([{ role: "zone_coordinator", ollaId: null, zoneId: "z1" }]), olla)).toBe(true);
    expect(coordinatesOlla(scopeFrom([{ role: "zone_coordinator", ollaId: null, zoneId: "z2" }]), olla)).toBe(false);
    expect(coordinatesOlla(scopeFrom([{ role: "city_coordinator", ollaId: null, zoneId: null }]), olla)).toBe(true);
  });
  it("no membership means no reach at all (a missing role never passes)", () => {
    const s = scopeFrom([]);
    expect(canSeeOlla(s, olla)).toBe(false);
    expect(coordinatesOlla(s, olla)).toBe(false);
  });
});
