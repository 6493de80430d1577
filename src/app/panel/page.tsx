import { getTranslations } from "next-intl/server";
import { PublicDashboard } from "~/components/dashboard/public-dashboard";
import { PeerPanelSection } from "~/components/federation/peer-sections";
import { DEFAULT_PERIOD_MONTHS } from "~/shared/dashboard";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("publicTitle") };
}

/** The public solidarity dashboard: city-wide shared problems, anonymised by the server. */
export default function PublicDashboardPage() {
  prefetch(trpc.dashboard.public.queryOptions({ districtUbigeo: undefined, months: DEFAULT_PERIOD_MONTHS }));
  prefetch(trpc.reference.districts.queryOptions());
  return (
    <HydrateClient>
      <PublicDashboard />
      <PeerPanelSection />
    </HydrateClient>
  );
}
