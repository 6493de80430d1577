import { getTranslations } from "next-intl/server";
import { CoordinatorDashboard } from "~/components/dashboard/coordinator-dashboard";
import { dashboardQuery } from "~/components/dashboard/query";
import { SettingsForm } from "~/components/dashboard/settings-form";
import { LabourDashboard } from "~/components/labour/labour-dashboard";
import { WorkshopDashboard } from "~/components/workshops/workshop-dashboard";
import { limaToday } from "~/shared/lima-day";
import { workshopPeriod } from "~/shared/posts";
import { coordinatorPageAccess, HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("coordTitle") };
}

/**
 * A coordinator's dashboard of her scope, rendered on the server from the URL's filters. Not
 * found for anyone who coordinates nothing; the procedure checks role and scope. A zone outside
 * her scope in the URL is dropped (her whole scope shows) rather than answered with an error.
 */
export default async function CoordinatorDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await coordinatorPageAccess("/coordinacion/panel");
  const { input, query } = dashboardQuery("/coordinacion/panel", await searchParams, true);
  const caller = await serverCaller();
  const zones: { id: string; name: string }[] = me.city ? await caller.reference.zones() : me.zones;
  if (input.zoneId && !zones.some((z) => z.id === input.zoneId)) {
    input.zoneId = undefined;
    delete query.params.zone;
  }
  const [data, districts, labour, workshops] = await Promise.all([
    caller.dashboard.coordinator(input),
    caller.reference.districts(),
    caller.labour.network({ months: 12 }),
    caller.workshop.dashboard({ ...workshopPeriod(input.months, limaToday()), zoneId: input.zoneId }),
  ]);
  if (me.city) prefetch(trpc.settings.get.queryOptions());
  return (
    <>
    <CoordinatorDashboard
      data={data}
      me={me}
      zones={zones}
      districts={districts}
      query={query}
      settings={
        me.city ? (
          <HydrateClient>
            <SettingsForm />
          </HydrateClient>
        ) : undefined
      }
    />
    <WorkshopDashboard named={workshops.named} followUps={workshops.followUps} assessed={data.problems.map((p) => ({ category: p.category, cells: p.city.cells }))} />
    <LabourDashboard mode="coordinator" data={labour} zones={zones} />
    </>
  );
}
