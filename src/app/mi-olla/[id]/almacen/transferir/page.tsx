import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TransferOfferForm } from "~/components/stock/transfer-form";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("transfers"))("offerTitle") };
}

export default async function TransferRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(`/mi-olla/${id}/almacen/transferir`)}`);
  prefetch(trpc.stock.levels.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <TransferOfferForm ollaId={id} />
    </HydrateClient>
  );
}
