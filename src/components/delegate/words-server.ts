import "server-only";
import { getLocale, getMessages } from "next-intl/server";

/**
 * The message namespaces her olla's client components read with useWords (./words.tsx). Add a
 * line here for a new client component's namespace; everything else stays on the server.
 */
export const CLIENT_WORDS = ["delegate.outbox", "delegate.offline", "delegate.queued", "delegate.sessionExpired"] as const;

type Tree = Record<string, unknown>;

/** The listed namespaces of this request's (compiled) messages, as one small tree. */
export async function clientWords(paths: readonly string[] = CLIENT_WORDS): Promise<{ locale: string; messages: Tree }> {
  const all = (await getMessages()) as unknown as Tree;
  const out: Tree = {};
  for (const path of paths) {
    const parts = path.split(".");
    let src: unknown = all;
    for (const p of parts) src = src && typeof src === "object" ? (src as Tree)[p] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const p of parts.slice(0, -1)) dst = (dst[p] ??= {}) as Tree;
    dst[parts.at(-1)!] = src;
  }
  return { locale: await getLocale(), messages: out };
}
