import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StockPage } from "~/components/stock/stock-page";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("title") };
}

/** The olla's almacén. The server checks scope on every call; this page only prefetches. */
export default async function StockRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(`/mi-olla/${id}/almacen`)}`);
  prefetch(trpc.stock.levels.queryOptions({ ollaId: id }));
  prefetch(trpc.transfer.list.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <StockPage ollaId={id} />
    </HydrateClient>
  );
}
