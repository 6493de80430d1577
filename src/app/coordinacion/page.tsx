import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CoordinatorOllaList } from "~/components/coord/olla-list";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("coord");
  return { title: t("title") };
}

export default async function CoordinationPage() {
  const ctx = await rscContext();
  if (!ctx.session) redirect("/ingresar?callbackUrl=%2Fcoordinacion");
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CoordinatorOllaList />
    </HydrateClient>
  );
}
