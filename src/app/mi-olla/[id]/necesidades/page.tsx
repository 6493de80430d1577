import { getTranslations } from "next-intl/server";
import { NeedsManager } from "~/components/needs/needs-manager";
import { HydrateClient, ollaPageAccess, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("needs"))("title") };
}

export default async function OllaNeedsRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await ollaPageAccess(id, `/mi-olla/${id}/necesidades`);
  prefetch(trpc.need.list.queryOptions({ ollaId: id }));
  return (
    <HydrateClient>
      <NeedsManager ollaId={id} />
    </HydrateClient>
  );
}
