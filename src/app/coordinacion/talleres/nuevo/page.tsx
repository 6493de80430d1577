import { getTranslations } from "next-intl/server";
import { WorkshopForm } from "~/components/workshops/workshop-form";
import { limaToday } from "~/shared/lima-day";
import { coordinatorPageAccess, HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("workshops"))("coord.formTitle") };
}

/** A coordinator records a workshop of one of her zones (the city's coordination: any zone). */
export default async function NewWorkshopPage() {
  const me = await coordinatorPageAccess("/coordinacion/talleres/nuevo");
  const t = await getTranslations("workshops");
  const zones: { id: string; name: string }[] = me.city ? await (await serverCaller()).reference.zones() : me.zones;
  // The first zone's ollas come with the page: the participants' list shows without a round trip.
  if (zones[0]) prefetch(trpc.olla.list.queryOptions({ zoneId: zones[0].id, limit: 100 }));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("coord.formTitle")}</h1>
      <HydrateClient>
        <WorkshopForm zones={zones.map((z) => ({ id: z.id, name: z.name }))} today={limaToday()} />
      </HydrateClient>
    </div>
  );
}
