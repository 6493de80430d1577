import { getTranslations } from "next-intl/server";
import { StockPage } from "~/components/stock/stock-page";
import { HydrateClient, ollaPageAccess, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("title") };
}

/** The olla's almacén. Another olla's page is "not found" (checked first); the server checks scope on every call. */
export default async function StockRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await ollaPageAccess(id, `/mi-olla/${id}/almacen`);
  prefetch(trpc.stock.levels.queryOptions({ ollaId: id }));
  prefetch(trpc.transfer.list.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <StockPage ollaId={id} />
    </HydrateClient>
  );
}
