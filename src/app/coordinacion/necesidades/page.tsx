import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CoordinatorNeedsView } from "~/components/needs/coordinator-view";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("health.title") };
}

export default async function CoordinatorNeedsRoute() {
  const ctx = await rscContext();
  if (!ctx.session) redirect("/ingresar?callbackUrl=%2Fcoordinacion%2Fnecesidades");
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CoordinatorNeedsView />
    </HydrateClient>
  );
}
