import { PeerOllasSection } from "~/components/federation/peer-sections";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withPeerDistricts } from "~/components/federation/map-types";
import { CityMap } from "~/components/map/city-map";
import { HydrateClient, prefetch, serverCaller, signedInOrLogin, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("map");
  return { title: t("coordTitle") };
}

/** The coordinator's map: exact points in her scope and the extra layers. Every procedure checks the role again. */
export default async function CoordinatorMapPage() {
  await signedInOrLogin("/coordinacion/mapa");
  const me = await (await serverCaller()).me.get();
  if (!me.city && me.zones.length === 0) redirect("/mapa");
  const caller = await serverCaller();
  const [districts, zones] = await Promise.all([withPeerDistricts(caller.reference.districts(), caller.federation.districts()), caller.reference.zones()]);
  // The layers' controls (coord-layers.tsx) still read through the client data layer.
  prefetch(trpc.map.zones.queryOptions());
  return (
    <HydrateClient>
      <CityMap mode="coordinator" myOllaIds={me.ollas.map((o) => o.id)} districts={districts} zones={zones} />
      <PeerOllasSection />
    </HydrateClient>
  );
}
