import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CityMap } from "~/components/map/city-map";
import { PeerOllasSection } from "~/components/federation/peer-sections";
import { MapPreview, PREVIEW_BBOX } from "~/components/map/map-preview";
import { MAP_START } from "~/components/map/symbols";
import { ZOllaSummaryInput } from "~/validation/map";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("map");
  return { title: t("title") };
}

/** The public city map: anyone, signed in or not. A delegate sees her own olla highlighted. */
export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { olla } = await searchParams;
  const initialOllaId = typeof olla === "string" && ZOllaSummaryInput.safeParse({ ollaId: olla }).success ? olla : null;
  const t = await getTranslations("map");
  const ctx = await rscContext();
  const caller = await serverCaller();
  const me = ctx.session ? await caller.me.get() : null;
  prefetch(trpc.reference.districts.queryOptions());
  // Markers in the HTML itself, so a slow phone sees the city before Leaflet arrives. Without
  // them (the database slow or away) the map still loads its data in the browser.
  const first = initialOllaId
    ? null
    : await caller.map.clusters({ filter: {}, bbox: PREVIEW_BBOX, zoom: MAP_START.zoom }).catch(() => null);
  return (
    <HydrateClient>
      {me && (me.city || me.zones.length > 0) && (
        <p className="notice mb-4">
          <Link href="/coordinacion/mapa">{t("coordLink")}</Link>
        </p>
      )}
      <CityMap
        mode="public"
        myOllaIds={me?.ollas.map((o) => o.id) ?? []}
        initialOllaId={initialOllaId}
        preview={first ? { node: <MapPreview answer={first} />, total: first.total } : null}
      />
      <PeerOllasSection />
    </HydrateClient>
  );
}
