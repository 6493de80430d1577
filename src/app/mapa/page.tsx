import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CityMap } from "~/components/map/city-map";
import { PeerOllasSection } from "~/components/federation/peer-sections";
import { withPeerDistricts } from "~/components/federation/map-types";
import { MapPreview, PREVIEW_BBOX } from "~/components/map/map-preview";
import { TILE_URL } from "~/components/map/tiles";
import { LIST_PAGE, MAP_START } from "~/components/map/symbols";
import { ZOllaSummaryInput } from "~/validation/map";
import { rscContext } from "~/server/request-context";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("map");
  return { title: t("title") };
}

/**
 * The public city map: anyone, signed in or not. A delegate sees her own olla highlighted. No
 * client data layer on this page (the map reads its procedures with use-api.ts): with Leaflet it
 * must fit the public map's ≤ 200 KB gz of JavaScript.
 */
export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { olla, vista, pagina } = await searchParams;
  const initialOllaId = typeof olla === "string" && ZOllaSummaryInput.safeParse({ ollaId: olla }).success ? olla : null;
  const t = await getTranslations("map");
  const ctx = await rscContext();
  const caller = await serverCaller();
  const me = ctx.session ? await caller.me.get() : null;
  // This network's districts, and any of the followed networks' that it has not (another city's).
  const districts = await withPeerDistricts(caller.reference.districts(), caller.federation.districts());
  // Markers in the HTML itself, so a slow phone sees the city before Leaflet arrives. Without
  // them (the database slow or away) the map still loads its data in the browser.
  // The list view (?vista=lista, &pagina=N) is in the HTML too: readable before (and without)
  // JavaScript, links to each olla's page and to the next page of the list.
  const listView = vista === "lista" && !initialOllaId;
  const pageNo = Math.min(2_000, Math.max(1, Number.parseInt(typeof pagina === "string" ? pagina : "1", 10) || 1));
  const listOffset = (pageNo - 1) * LIST_PAGE;
  const [first, list] = await Promise.all([
    initialOllaId || listView ? null : caller.map.clusters({ filter: {}, bbox: PREVIEW_BBOX, zoom: MAP_START.zoom }).catch(() => null),
    listView ? caller.map.list({ filter: {}, limit: LIST_PAGE, offset: listOffset }).catch(() => null) : null,
  ]);
  return (
    <>
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
        initialView={listView ? "list" : "map"}
        initialList={list ? { offset: listOffset, data: list } : null}
        districts={districts}
        tileUrl={TILE_URL}
      />
      <PeerOllasSection />
    </>
  );
}
