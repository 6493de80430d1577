import { getTranslations } from "next-intl/server";
import { PublicDashboard } from "~/components/dashboard/public-dashboard";
import { dashboardQuery } from "~/components/dashboard/query";
import { PublicPlanCounts } from "~/components/plans/public-counts";
import { PeerPanelSection } from "~/components/federation/peer-sections";
import { LabourDashboard } from "~/components/labour/labour-dashboard";
import { PublicWorkshopCounts } from "~/components/workshops/public-workshop-counts";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("publicTitle") };
}

/**
 * The public solidarity dashboard: city-wide shared problems, anonymised by the server. Rendered
 * on the server from the URL (filters and each section's category are GET forms), so a slow
 * phone gets tables and charts in the HTML and hydrates only the CSV buttons and the pickers.
 */
export default async function PublicDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { input, query } = dashboardQuery("/panel", await searchParams, false);
  const caller = await serverCaller();
  const [data, districts, labour] = await Promise.all([
    caller.dashboard.public({ districtUbigeo: input.districtUbigeo, months: input.months }),
    caller.reference.districts(),
    caller.labour.public({ months: 12 }),
  ]);
  return (
    <>
      <PublicDashboard data={data} districts={districts} query={query} />
      <LabourDashboard mode="public" data={labour} zones={[]} />
      <PublicPlanCounts />
      {/* Workshops are per zone, not per district: their counts are city-wide, beside the city's self-assessment. */}
      <PublicWorkshopCounts months={input.months} assessed={input.districtUbigeo ? null : data.problems.map((p) => ({ category: p.category, cells: p.city.cells }))} />
      <PeerPanelSection />
    </>
  );
}
