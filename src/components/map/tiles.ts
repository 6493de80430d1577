/**
 * The base map's tiles, as the browser needs them. Read from process.env directly (Next inlines
 * NEXT_PUBLIC_* at build time) rather than from ~/env: that module brings zod and the t3 env
 * checker, ~15 KB gz, into the map's chunk for two strings. ~/env still validates them at build
 * and start (next.config.mjs imports it); the defaults here are the same as there.
 */
export const TILE_URL = process.env.NEXT_PUBLIC_TILE_URL || "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const TILE_ATTRIBUTION = process.env.NEXT_PUBLIC_TILE_ATTRIBUTION || "&copy; OpenStreetMap contributors";

/**
 * One tile's address, as Leaflet's TileLayer writes it with its default options (subdomains "abc"
 * picked by x + y, no retina suffix): the server-drawn preview asks for the same URLs, so the
 * browser's cache answers Leaflet's own requests.
 */
export function tileUrl(z: number, x: number, y: number, template = TILE_URL): string {
  const sub = "abc"[Math.abs(x + y) % 3]!;
  return template.replace("{s}", sub).replace("{z}", String(z)).replace("{x}", String(x)).replace("{y}", String(y)).replace("{r}", "");
}
