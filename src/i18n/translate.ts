import { createTranslator } from "next-intl";
import type { Locale } from "./config";
import { getMessages } from "./messages";

/** Translate a dotted key outside React (tRPC error formatter, CSV headers). Falls back to the key. */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const t = createTranslator({ locale, messages: getMessages(locale) as Record<string, unknown> });
  try {
    if (!t.has(key as never)) return key;
    return t(key as never, params as never);
  } catch {
    return key;
  }
}

export function hasKey(locale: Locale, key: string): boolean {
  const t = createTranslator({ locale, messages: getMessages(locale) as Record<string, unknown> });
  return t.has(key as never);
}
