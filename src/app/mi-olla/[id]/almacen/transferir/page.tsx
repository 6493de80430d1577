import { getTranslations } from "next-intl/server";
import { TransferOfferForm } from "~/components/stock/transfer-form";
import { HydrateClient, ollaPageAccess, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("transfers"))("offerTitle") };
}

export default async function TransferRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await ollaPageAccess(id, `/mi-olla/${id}/almacen/transferir`);
  prefetch(trpc.stock.levels.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <TransferOfferForm ollaId={id} />
    </HydrateClient>
  );
}
