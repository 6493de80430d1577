import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FederationPeers } from "~/components/coord/federation-peers";
import { coordinatorPageAccess, getQueryClient, HydrateClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("federation");
  return { title: t("title") };
}

/** Federation: the city coordination adds, pins, pauses, pulls and removes peer networks. */
export default async function FederationPage() {
  const me = await coordinatorPageAccess("/coordinacion/redes");
  if (!me.city) notFound();
  // Awaited, not streamed: a query still pending when the HTML is drawn (a skeleton there) but
  // already resolved when the browser hydrates (the data there) was React error #418 here, as
  // often as the first visit's key creation made the identity slow.
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.federation.identity.queryOptions()), qc.prefetchQuery(trpc.federation.peers.queryOptions())]);
  return (
    <HydrateClient>
      <FederationPeers serverNow={Date.now()} />
    </HydrateClient>
  );
}
