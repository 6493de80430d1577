import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CoordinatorDashboard } from "~/components/dashboard/coordinator-dashboard";
import { DEFAULT_PERIOD_MONTHS } from "~/server/domain/dashboard";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("coordTitle") };
}

/** A coordinator's dashboard of her scope. The procedure checks role and scope; this page only prefetches. */
export default async function CoordinatorDashboardPage() {
  const ctx = await rscContext();
  if (!ctx.session) redirect("/ingresar?callbackUrl=%2Fcoordinacion%2Fpanel");
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  prefetch(trpc.dashboard.coordinator.queryOptions({ zoneId: undefined, districtUbigeo: undefined, months: DEFAULT_PERIOD_MONTHS }));
  return (
    <HydrateClient>
      <CoordinatorDashboard />
    </HydrateClient>
  );
}
