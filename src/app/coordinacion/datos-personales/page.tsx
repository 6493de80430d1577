import { getTranslations } from "next-intl/server";
import { PersonalDataManager } from "~/components/coord/personal-data";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("personalData");
  return { title: t("title") };
}

/** Ley 29733: correction and erasure of people's data on request, within the coordinator's scope. */
export default async function PersonalDataPage() {
  await coordinatorPageAccess("/coordinacion/datos-personales");
  prefetch(trpc.personalData.list.queryOptions({ limit: 30 }));
  return (
    <HydrateClient>
      <PersonalDataManager />
    </HydrateClient>
  );
}
