import { redirect } from "next/navigation";
import { DelegateHome } from "~/components/olla/delegate-home";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** A delegate's home for her olla. The server checks scope on every call; this page only prefetches. */
export default async function MyOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(`/mi-olla/${id}`)}`);
  prefetch(trpc.olla.get.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <DelegateHome ollaId={id} />
    </HydrateClient>
  );
}
