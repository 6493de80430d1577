/**
 * The base map's tiles, as the browser needs them. Read from process.env directly (Next inlines
 * NEXT_PUBLIC_* at build time) rather than from ~/env: that module brings zod and the t3 env
 * checker, ~15 KB gz, into the map's chunk for two strings. ~/env still validates them at build
 * and start (next.config.mjs imports it); the defaults here are the same as there.
 */
export const TILE_URL = process.env.NEXT_PUBLIC_TILE_URL || "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const TILE_ATTRIBUTION = process.env.NEXT_PUBLIC_TILE_ATTRIBUTION || "&copy; OpenStreetMap contributors";
