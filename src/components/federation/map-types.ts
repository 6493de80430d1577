import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** A followed network's olla as the map's panel reads it (federation.mapOlla). */
export type PeerMapOlla = inferRouterOutputs<AppRouter>["federation"]["mapOlla"];
