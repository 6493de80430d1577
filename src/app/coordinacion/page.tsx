import { getTranslations } from "next-intl/server";
import { CoordinatorOllaList } from "~/components/coord/olla-list";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("coord");
  return { title: t("title") };
}

export default async function CoordinationPage() {
  await coordinatorPageAccess("/coordinacion");
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CoordinatorOllaList />
    </HydrateClient>
  );
}
