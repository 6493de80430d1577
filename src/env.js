import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * Validated environment. DATABASE_URL is optional: without it the app runs on an
 * embedded PostgreSQL (PGlite) stored in PGLITE_DIR, so a fresh machine needs nothing.
 */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    NEXTAUTH_SECRET: z.string().min(32).optional(),
    NEXTAUTH_URL: z.url().optional(),
    // "1" seeds demo data on first start even in production mode (the Quick start does this).
    SEED_DEMO: z.enum(["0", "1"]).optional(),
    // Trust X-Forwarded-For from the load balancer for per-address login throttling.
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    // How long the public dashboard's answer is shared by all anonymous visitors (0: never).
    PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    // Bearer secret of POST /api/cron/personal-data-purge (unset: the route answers 404).
    CRON_SECRET: z.string().min(16).optional(),
    // "0" stops the app server's own hourly purge of expired personal data (an outside cron runs it).
    PERSONAL_DATA_PURGE: z.enum(["0", "1"]).default("1"),
    // Key that places the public points (src/server/location-key.ts); required with
    // DATABASE_URL in production, a fixed development key elsewhere.
    LOCATION_KEY: z.string().min(32).optional(),
    // Open-data exports (src/server/http/export-cache.ts): full downloads per client address and
    // route per minute (0: no limit), builds at once per process, memory kept for built bodies.
    OPEN_DATA_RATE_LIMIT: z.coerce.number().int().min(0).max(100000).default(30),
    OPEN_DATA_MAX_BUILDS: z.coerce.number().int().min(1).max(64).default(2),
    OPEN_DATA_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
    // Federation (README "Federation"): this instance's name and public base URL in its feed;
    // how often each peer is pulled (0: only on demand); "1" lets peers live on loopback (tests, the two-instance demo).
    FEDERATION_NAME: z.string().min(1).max(120).optional(),
    FEDERATION_URL: z.url().optional(),
    FEDERATION_PULL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
    FEDERATION_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
    FEDERATION_FEED_RATE_LIMIT: z.coerce.number().int().min(0).max(100000).default(800),
    // The demo seed of the second federation demo instance: "ubigeo:ollas,…" (src/server/db/seed/demo.ts).
    SEED_DEMO_DISTRICTS: z.string().regex(/^\d{6}:\d{1,3}(,\d{6}:\d{1,3})*$/).optional(),
  },
  client: {
    NEXT_PUBLIC_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    NEXT_PUBLIC_TILE_ATTRIBUTION: z
      .string()
      .default('&copy; OpenStreetMap contributors'),
  },
  runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PGLITE_DIR: process.env.PGLITE_DIR,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL,
    SEED_DEMO: process.env.SEED_DEMO,
    TRUST_PROXY: process.env.TRUST_PROXY,
    PUBLIC_CACHE_SECONDS: process.env.PUBLIC_CACHE_SECONDS,
    CRON_SECRET: process.env.CRON_SECRET,
    PERSONAL_DATA_PURGE: process.env.PERSONAL_DATA_PURGE,
    LOCATION_KEY: process.env.LOCATION_KEY,
    OPEN_DATA_RATE_LIMIT: process.env.OPEN_DATA_RATE_LIMIT,
    OPEN_DATA_MAX_BUILDS: process.env.OPEN_DATA_MAX_BUILDS,
    OPEN_DATA_CACHE_MB: process.env.OPEN_DATA_CACHE_MB,
    FEDERATION_NAME: process.env.FEDERATION_NAME,
    FEDERATION_URL: process.env.FEDERATION_URL,
    FEDERATION_PULL_MINUTES: process.env.FEDERATION_PULL_MINUTES,
    FEDERATION_ALLOW_LOOPBACK: process.env.FEDERATION_ALLOW_LOOPBACK,
    FEDERATION_FEED_RATE_LIMIT: process.env.FEDERATION_FEED_RATE_LIMIT,
    SEED_DEMO_DISTRICTS: process.env.SEED_DEMO_DISTRICTS,
    NEXT_PUBLIC_TILE_URL: process.env.NEXT_PUBLIC_TILE_URL,
    NEXT_PUBLIC_TILE_ATTRIBUTION: process.env.NEXT_PUBLIC_TILE_ATTRIBUTION,
  },
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
  emptyStringAsUndefined: true,
});
