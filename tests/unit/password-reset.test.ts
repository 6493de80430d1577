import { describe, expect, it } from "vitest";
import { mayResetPasswordOf } from "~/server/domain/password-reset";
import { scopeFrom } from "~/server/domain/scope";

const zoneNorth = scopeFrom([{ role: "zone_coordinator", ollaId: null, zoneId: "north" }]);
const city = scopeFrom([{ role: "city_coordinator", ollaId: null, zoneId: null }]);
const delegateIn = (zoneId: string) => ({ role: "delegate" as const, ollaId: `olla-${zoneId}`, zoneId });

describe("who a coordinator may give a password reset code to", () => {
  it("a zone coordinator: people whose every role lies in her zone", () => {
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("north")])).toBe(true);
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("north"), delegateIn("north")])).toBe(true);
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("south")])).toBe(false);
    // One role beyond her scope is enough to refuse: no taking over through an olla of hers.
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("north"), delegateIn("south")])).toBe(false);
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("north"), { role: "city_coordinator", ollaId: null, zoneId: null }])).toBe(false);
    expect(mayResetPasswordOf(zoneNorth, [delegateIn("north"), { role: "zone_coordinator", ollaId: null, zoneId: "north" }])).toBe(true);
  });
  it("the city coordinator: anyone with a role; nobody without one", () => {
    expect(mayResetPasswordOf(city, [delegateIn("south"), { role: "city_coordinator", ollaId: null, zoneId: null }])).toBe(true);
    expect(mayResetPasswordOf(city, [])).toBe(false);
    expect(mayResetPasswordOf(scopeFrom([]), [delegateIn("north")])).toBe(false);
  });
});
