import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanFreeText, cleanName, hasIgnorable } from "~/shared/text";
import { zName, zText } from "~/validation/common";

// The code points finding 6 names, plus the rest of Unicode's default-ignorables and controls.
const SPOOF = [
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  ...range(0x200b, 0x200f),
  0x2060,
  0xfeff,
  0x00ad,
  0x061c,
  0x180e,
  0xfe0f,
  0x3164,
  0xe0041,
  0x0000,
  0x0009,
  0x000a,
  0x0085,
].map((c) => String.fromCodePoint(c));
// eslint-disable-next-line no-control-regex -- control characters are what is tested
const FORBIDDEN = /\p{Default_Ignorable_Code_Point}|[\u0000-\u001f\u007f-\u009f]/u;

function range(a: number, b: number) {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

// Names built from letters, spaces, combining marks and the spoofing characters, in any order.
const piece = fc.oneof(
  fc.constantFrom(...SPOOF),
  fc.constantFrom("a", "O", "l", "ñ", "é", "e\u0301", " ", "\u00a0", "\u3000", "  ", "-", "7"),
  fc.string({ unit: "grapheme", maxLength: 3 }),
  fc.string({ unit: "binary", maxLength: 3 }),
);
const spoofyName = fc.array(piece, { maxLength: 40 }).map((p) => p.join(""));

describe("names cannot hide characters (finding 6)", () => {
  it("no accepted name contains a bidi control, a zero-width or other default-ignorable character, or a control character", () => {
    fc.assert(
      fc.property(spoofyName, (raw) => {
        const r = zName(120).min(2).safeParse(raw);
        if (!r.success) return;
        expect(FORBIDDEN.test(r.data), JSON.stringify(r.data)).toBe(false);
        expect(hasIgnorable(r.data)).toBe(false);
        // Normalised: NFC, single spaces, trimmed; and cleaning again changes nothing.
        expect(r.data).toBe(r.data.normalize("NFC"));
        expect(r.data).not.toMatch(/^\s|\s$|\s\s/u);
        expect(cleanName(r.data)).toBe(r.data);
        expect(r.data.length).toBeLessThanOrEqual(120);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 500) },
    );
  });

  it("a spoof collapses to the name it imitates, so uniqueness checks see them as one", () => {
    expect(cleanName("Olla Sol\u200B")).toBe("Olla Sol");
    expect(cleanName("\u202Elos allO\u202C")).toBe("los allO");
    expect(cleanName("  Olla\u00a0\u00a0Sol\n")).toBe("Olla Sol");
    expect(cleanName("Arroz\u2066\u2069 Coste\u0301ño")).toBe("Arroz Cost\u00e9ño");
    expect(zName(60).min(2).safeParse("\u200B\u202E\uFEFF").success).toBe(false);
  });

  it("free text keeps its words and emoji but loses what could reorder the page", () => {
    fc.assert(
      fc.property(spoofyName, (raw) => {
        const r = zText(500).parse(raw);
        // eslint-disable-next-line no-control-regex -- NUL is what is tested
        expect(/[\u202a-\u202e\u2066-\u2069\u0000]/.test(r)).toBe(false);
        expect(cleanFreeText(r)).toBe(r);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 500) },
    );
    expect(zText(100).parse("Falta gas 👩\u200D🍳 urgente\u202E!")).toBe("Falta gas 👩\u200D🍳 urgente!");
  });
});
