/**
 * Text hygiene for names and free text (issue #11, finding 6). A bidi override
 * (U+202E) or an invisible character lets a name pose as another in a list: "Olla
 * Sol\u200B" looks exactly like "Olla Sol", and "\u202EloS allO" reads as "Olla Sol".
 * Pure and browser-safe: the zod inputs (src/validation) and client forms share it, and
 * the clean-up migration (drizzle/0018) mirrors it in SQL.
 */

/**
 * Unicode's Default_Ignorable_Code_Point covers zero-width space/joiners (U+200B–200D),
 * bidi marks (U+200E–200F, U+061C), embeddings and overrides (U+202A–202E), word joiner,
 * invisible operators and isolates (U+2060–206F), BOM (U+FEFF), soft hyphen, variation
 * selectors, Hangul fillers and tag characters. None of them belongs in a name.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Control characters (tab, newline, NUL, C1): a name is one line. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Any run of Unicode white space (NBSP, ideographic space, line separators…) becomes one space. */
const SPACES = /\s+/gu;

/**
 * A name as people see it: no invisible or direction-changing characters, NFC (so "é" typed
 * two ways is one name), one line, single spaces, trimmed.
 */
export function cleanName(s: string): string {
  return s.replace(IGNORABLE, "").replace(CONTROL, " ").normalize("NFC").replace(SPACES, " ").trim();
}

/**
 * The bidi embedding, override and isolate controls: the only characters that can reorder
 * text beyond themselves (an unclosed U+202E flips everything after it on the same line,
 * including the page's own labels). Marks (U+200E/200F) and zero-width joiners stay in free
 * text: they cannot reorder other text, and joiners hold emoji together.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- PostgreSQL text cannot hold U+0000
const NUL = /\u0000/g;

/** Free text (notes, descriptions, addresses): what it says is kept, bidi controls and NUL dropped. */
export function cleanFreeText(s: string): string {
  return s.replace(NUL, "").replace(BIDI_CONTROLS, "");
}

/** True when a string holds a character that cleanName would remove (tests, checks). */
export function hasIgnorable(s: string): boolean {
  return /\p{Default_Ignorable_Code_Point}|[\u202a-\u202e\u2066-\u2069]/u.test(s);
}
