import { getTranslations } from "next-intl/server";
import { CoordinatorNeedsView } from "~/components/needs/coordinator-view";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("health.title") };
}

export default async function CoordinatorNeedsRoute() {
  await coordinatorPageAccess("/coordinacion/necesidades");
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CoordinatorNeedsView />
    </HydrateClient>
  );
}
