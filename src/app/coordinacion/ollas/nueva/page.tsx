import { CreateOlla } from "~/components/coord/create-olla";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function NewOllaPage() {
  await coordinatorPageAccess("/coordinacion/ollas/nueva");
  prefetch(trpc.reference.districts.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CreateOlla />
    </HydrateClient>
  );
}
