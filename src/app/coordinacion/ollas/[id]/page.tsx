import { CoordinatorOllaDetail } from "~/components/coord/olla-detail";
import { coordinatorPageAccess, fetchOrNotFound, HydrateClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function CoordinatorOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await coordinatorPageAccess(`/coordinacion/ollas/${id}`);
  // An olla outside her scope is "not found", as olla.get answers.
  await fetchOrNotFound(trpc.olla.get.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <CoordinatorOllaDetail ollaId={id} />
    </HydrateClient>
  );
}
