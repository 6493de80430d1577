import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProfileEditor } from "~/components/olla/profile-editor";
import { rscContext } from "~/server/request-context";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("olla");
  return { title: t("profileTitle") };
}

export default async function EditProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(`/mi-olla/${id}/perfil`)}`);
  prefetch(trpc.olla.get.queryOptions({ ollaId: id }));
  prefetch(trpc.reference.districts.queryOptions());
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <ProfileEditor ollaId={id} backHref={`/mi-olla/${id}`} />
    </HydrateClient>
  );
}
