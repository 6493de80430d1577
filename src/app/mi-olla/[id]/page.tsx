import { DelegateHome } from "~/components/olla/delegate-home";
import { HydrateClient, ollaPageAccess } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** A delegate's home for her olla. Another olla's page is "not found" (checked first); the server checks scope on every call. */
export default async function MyOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await ollaPageAccess(id, `/mi-olla/${id}`);
  return (
    <HydrateClient>
      <DelegateHome ollaId={id} />
    </HydrateClient>
  );
}
