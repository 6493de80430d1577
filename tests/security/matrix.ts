/**
 * The authorization matrix (every procedure × every actor against its policy), run through a
 * given way of calling: tRPC callers on a fixed context, or the context /api/trpc builds.
 */
import { appRouter } from "~/server/api/root";
import type { World } from "../helpers/world";
import type { observe } from "./outcome";
import { ACTORS, policies } from "./policy";

export const PROCEDURES = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

type Observe = ReturnType<typeof observe>;

/** A crash (INTERNAL_SERVER_ERROR, a non-tRPC throw) is its own outcome: it never counts as "allow". */
export async function runMatrix(w: World, call: (who: (typeof ACTORS)[number], path: string, input: unknown) => Observe) {
  const unexpected: string[] = [];
  let cells = 0;
  let crashes = 0;
  const allowedBy: Record<string, number> = {};
  for (const path of PROCEDURES) {
    const policy = policies[path];
    if (!policy) continue;
    for (const who of ACTORS) {
      const input = await policy.input(w);
      const { outcome: got, code } = await call(who, path, input);
      cells++;
      if (got === "allow") allowedBy[code] = (allowedBy[code] ?? 0) + 1;
      if (got.startsWith("crash")) crashes++;
      if (got !== policy.expect[who]) unexpected.push(`${path} as ${who}: expected ${policy.expect[who]}, got ${got}`);
    }
  }
  const allowed = Object.entries(allowedBy).map(([c, n]) => `${n} ${c === "ok" ? "resolved" : c}`).join(", ");
  return { unexpected, summary: `${PROCEDURES.length} procedures, ${cells} cells, ${unexpected.length} unexpected (${crashes} crashes); allowed cells: ${allowed}` };
}
