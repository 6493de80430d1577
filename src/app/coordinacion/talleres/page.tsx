import { Plus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "~/components/ui/button";
import { WorkshopList } from "~/components/workshops/workshop-list";
import { limaToday } from "~/shared/lima-day";
import { coordinatorPageAccess, HydrateClient, serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("workshops"))("coord.title") };
}

/** The workshops of the coordinator's zones (all for the city), newest first, and the way to record one. */
export default async function WorkshopsPage({ searchParams }: { searchParams: Promise<{ guardado?: string }> }) {
  await coordinatorPageAccess("/coordinacion/talleres");
  const { guardado } = await searchParams;
  const items = await (await serverCaller()).workshop.list({ limit: 50 });
  const t = await getTranslations("workshops");
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("coord.title")}</h1>
        <ButtonLink href="/coordinacion/talleres/nuevo" icon={<Plus aria-hidden="true" size={18} />} data-testid="new-workshop">
          {t("coord.new")}
        </ButtonLink>
      </div>
      <p className="hint">{t("coord.lead")}</p>
      {guardado && (
        <p role="status" className="notice" data-testid="workshop-saved">
          {t("coord.saved")}
        </p>
      )}
      <HydrateClient>
        <WorkshopList items={items} today={limaToday()} />
      </HydrateClient>
    </div>
  );
}
