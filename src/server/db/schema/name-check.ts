import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Characters no stored name may hold (finding 6): Unicode's default-ignorable code points
 * (zero-width, bidi marks, embeddings, overrides, isolates, BOM, variation selectors, tags…)
 * and control characters. The inputs clean them (src/shared/text.ts); the database refuses
 * whatever another writer (a script, a bulk load) might still bring.
 */
export const NAME_FORBIDDEN_RE =
  "[\\u0001-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\U0001BCA0-\\U0001BCA3\\U0001D173-\\U0001D17A\\U000E0000-\\U000E0FFF]";

/** `name` holds no invisible or direction-changing character. */
export function cleanNameCheck(column: AnyPgColumn): SQL {
  return sql`${column} !~ ${sql.raw(`'${NAME_FORBIDDEN_RE}'`)}`;
}
