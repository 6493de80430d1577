import { getTranslations } from "next-intl/server";
import { CoordinatorDashboard } from "~/components/dashboard/coordinator-dashboard";
import { LabourDashboard } from "~/components/labour/labour-dashboard";
import { DEFAULT_PERIOD_MONTHS } from "~/shared/dashboard";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("coordTitle") };
}

/** A coordinator's dashboard of her scope. Not found for anyone who coordinates nothing; the procedure checks role and scope. */
export default async function CoordinatorDashboardPage() {
  await coordinatorPageAccess("/coordinacion/panel");
  prefetch(trpc.reference.zones.queryOptions());
  prefetch(trpc.dashboard.coordinator.queryOptions({ zoneId: undefined, districtUbigeo: undefined, months: DEFAULT_PERIOD_MONTHS }));
  prefetch(trpc.labour.network.queryOptions({ months: 12 }));
  return (
    <HydrateClient>
      <CoordinatorDashboard />
      <LabourDashboard mode="coordinator" />
    </HydrateClient>
  );
}
