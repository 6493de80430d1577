import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** A followed network's olla as the map's panel reads it (federation.mapOlla). */
export type PeerMapOlla = inferRouterOutputs<AppRouter>["federation"]["mapOlla"];

/**
 * The maps' district choices: this network's own, and the followed networks' districts it does
 * not have (another city's), in one alphabetical list. A failure on the peers' side leaves its own.
 */
export async function withPeerDistricts(own: Promise<{ ubigeo: string; name: string }[]>, peers: Promise<{ ubigeo: string; name: string }[]>) {
  const [a, b] = await Promise.all([own, peers.catch(() => [])]);
  return [...a.map((d) => ({ ubigeo: d.ubigeo, name: d.name })), ...b].sort((x, y) => x.name.localeCompare(y.name, "es"));
}
