import { getTranslations } from "next-intl/server";
import { ProfileEditor } from "~/components/olla/profile-editor";
import { HydrateClient, ollaPageAccess, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("olla");
  return { title: t("profileTitle") };
}

export default async function EditProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await ollaPageAccess(id, `/mi-olla/${id}/perfil`);
  prefetch(trpc.reference.districts.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <ProfileEditor ollaId={id} backHref={`/mi-olla/${id}`} />
    </HydrateClient>
  );
}
