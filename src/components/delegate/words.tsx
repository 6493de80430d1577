"use client";
/**
 * Her olla's client components get their words from the server, not from next-intl's client
 * provider (~12 KB gzipped on every page of a prepaid phone): the layout passes the few
 * namespaces they need (CLIENT_WORDS in ./words-server.ts), as the build compiled them, and
 * icu-minify's formatter (the same < 1 KB runtime next-intl uses for precompiled messages)
 * fills in counts and names.
 *
 *   const t = useWords("delegate.outbox");  t("count", { count: 3 })  →  "3 cambios por enviar"
 */
import format, { type CompiledMessage } from "icu-minify/format";
import { createContext, useCallback, useContext, type ReactNode } from "react";

type Tree = { [key: string]: Tree | CompiledMessage };
const Ctx = createContext<{ locale: string; messages: Tree }>({ locale: "es", messages: {} });

export function WordsProvider({ locale, messages, children }: { locale: string; messages: Record<string, unknown>; children: ReactNode }) {
  return <Ctx.Provider value={{ locale, messages: messages as Tree }}>{children}</Ctx.Provider>;
}

const formatters = {
  getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
  getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
  getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
};

function lookup(tree: Tree, path: string): CompiledMessage | undefined {
  let node: Tree | CompiledMessage | undefined = tree;
  for (const part of path.split(".")) {
    if (node === undefined || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Tree)[part];
  }
  return node as CompiledMessage | undefined;
}

export type Words = (key: string, values?: Record<string, string | number>) => string;

/** A translator for one namespace; an unknown key answers the key itself (as next-intl does). */
export function useWords(namespace: string): Words {
  const { locale, messages } = useContext(Ctx);
  return useCallback(
    (key: string, values?: Record<string, string | number>) => {
      const m = lookup(messages, `${namespace}.${key}`);
      if (m === undefined) return `${namespace}.${key}`;
      const out = format(m, locale, values, { formatters });
      return Array.isArray(out) ? out.join("") : String(out);
    },
    [locale, messages, namespace],
  );
}

/** The locale the server rendered the page in. */
export function useWordsLocale(): string {
  return useContext(Ctx).locale;
}
