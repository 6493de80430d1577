import type { LighthousePage } from "./lighthouse";

/**
 * The pages Lighthouse measures and their performance budgets (issue #13): the home page, the
 * public needs and an olla's public page ≥ 95; the map and the dashboard ≥ 90. The olla is the
 * first of the public list (any active olla: the page's shape does not depend on which).
 */
export async function lighthousePages(base: string): Promise<LighthousePage[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 1, offset: 0 } }));
  const res = await fetch(`${base}/api/trpc/olla.publicList?input=${input}`);
  const body = (await res.json()) as { result?: { data?: { json?: { items?: { id: string }[] } } } };
  const olla = body.result?.data?.json?.items?.[0]?.id;
  return [
    { name: "home", path: "/", performance: 95 },
    { name: "needs", path: "/necesidades", performance: 95 },
    ...(olla ? [{ name: "olla", path: `/ollas/${olla}`, performance: 95 }] : []),
    { name: "map", path: "/mapa", performance: 90 },
    { name: "dashboard", path: "/panel", performance: 90 },
  ];
}
