import { redirect } from "next/navigation";
import { CreateOlla } from "~/components/coord/create-olla";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function NewOllaPage() {
  const ctx = await rscContext();
  if (!ctx.session) redirect("/ingresar?callbackUrl=%2Fcoordinacion%2Follas%2Fnueva");
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.reference.districts.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CreateOlla />
    </HydrateClient>
  );
}
