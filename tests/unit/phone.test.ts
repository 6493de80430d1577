import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPeruMobile, normalizeLoginIdentifier, normalizePeruMobile } from "~/server/domain/phone";

describe("Peruvian mobile numbers", () => {
  it.each([
    ["987654321", "+51987654321"],
    ["987 654 321", "+51987654321"],
    ["+51 987 654 321", "+51987654321"],
    ["+51987654321", "+51987654321"],
    ["51 987-654-321", "+51987654321"],
    ["(+51) 987.654.321", "+51987654321"],
    ["0051 987 654 321", "+51987654321"],
  ])("accepts %s", (input, expected) => {
    expect(normalizePeruMobile(input)).toBe(expected);
  });

  it.each(["", "12345", "887654321", "98765432", "9876543210", "+52 987 654 321", "98765432a", "01 4567890", "+51 1 456 7890"])(
    "refuses %s",
    (input) => {
      expect(normalizePeruMobile(input)).toBeNull();
    },
  );

  it("any 9-digit number starting with 9, however it is spaced, normalises to the same E.164", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom("", "+51", "51", "+51 "), fc.constantFrom(" ", "", "-"), (n, prefix, sep) => {
        const digits = `9${String(n).padStart(8, "0")}`;
        const typed = `${prefix}${digits.slice(0, 3)}${sep}${digits.slice(3, 6)}${sep}${digits.slice(6)}`;
        expect(normalizePeruMobile(typed)).toBe(`+51${digits}`);
      }),
    );
  });

  it("formats for display", () => {
    expect(formatPeruMobile("+51987654321")).toBe("987 654 321");
  });

  it("login identifiers are an email or a phone", () => {
    expect(normalizeLoginIdentifier(" Rosa@Mail.PE ")).toEqual({ kind: "email", value: "rosa@mail.pe" });
    expect(normalizeLoginIdentifier("987 654 321")).toEqual({ kind: "phone", value: "+51987654321" });
    expect(normalizeLoginIdentifier("rosa@")).toBeNull();
    expect(normalizeLoginIdentifier("hola")).toBeNull();
  });
});
