import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CatalogueEditor } from "~/components/plans/catalogue-editor";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("plans"))("catalogue.title") };
}

/** The module catalogue, kept by the city coordination (zone coordinators get "not found"; planModule.create/update refuse them too). */
export default async function CataloguePage() {
  const me = await coordinatorPageAccess("/coordinacion/plan/modulos");
  if (!me.city) notFound();
  prefetch(trpc.planModule.list.queryOptions({ includeRetired: true }));
  return (
    <HydrateClient>
      <CatalogueEditor />
    </HydrateClient>
  );
}
