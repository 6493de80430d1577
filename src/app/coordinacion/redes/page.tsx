import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FederationPeers } from "~/components/coord/federation-peers";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("federation");
  return { title: t("title") };
}

/** Federation: the city coordination adds, pins, pauses, pulls and removes peer networks. */
export default async function FederationPage() {
  const me = await coordinatorPageAccess("/coordinacion/redes");
  if (!me.city) notFound();
  prefetch(trpc.federation.identity.queryOptions());
  prefetch(trpc.federation.peers.queryOptions());
  return (
    <HydrateClient>
      <FederationPeers />
    </HydrateClient>
  );
}
