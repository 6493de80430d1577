import { getTranslations } from "next-intl/server";
import { AcceptInvitation } from "~/components/auth/accept-invitation";
import { HydrateClient } from "~/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("invite");
  return { title: t("title") };
}

export default async function InvitationPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <HydrateClient>
      <AcceptInvitation code={decodeURIComponent(code).slice(0, 40)} />
    </HydrateClient>
  );
}
