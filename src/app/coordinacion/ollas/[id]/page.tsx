import { redirect } from "next/navigation";
import { CoordinatorOllaDetail } from "~/components/coord/olla-detail";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function CoordinatorOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(`/coordinacion/ollas/${id}`)}`);
  prefetch(trpc.olla.get.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <CoordinatorOllaDetail ollaId={id} />
    </HydrateClient>
  );
}
