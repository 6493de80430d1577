import { getTranslations } from "next-intl/server";
import { MovementForm } from "~/components/stock/movement-form";
import { HydrateClient, ollaPageAccess, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("exitTitle") };
}

export default async function RecordExitRoute({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ item?: string }> }) {
  const { id } = await params;
  const { item } = await searchParams;
  await ollaPageAccess(id, `/mi-olla/${id}/almacen/salida`);
  prefetch(trpc.stock.catalogue.queryOptions({ ollaId: id }));
  prefetch(trpc.stock.levels.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <MovementForm ollaId={id} kind="exit" initialItemId={item && /^[0-9a-f-]{36}$/i.test(item) ? item : undefined} />
    </HydrateClient>
  );
}
