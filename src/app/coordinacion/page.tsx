import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CoordinatorOllaList } from "~/components/coord/olla-list";
import { coordinatorPageAccess, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("coord");
  return { title: t("title") };
}

export default async function CoordinationPage() {
  await coordinatorPageAccess("/coordinacion");
  const tp = await getTranslations("personalData");
  prefetch(trpc.reference.zones.queryOptions());
  return (
    <HydrateClient>
      <CoordinatorOllaList />
      <p className="mt-6">
        <Link prefetch={false} href="/coordinacion/datos-personales">
          {tp("navLink")}
        </Link>
      </p>
    </HydrateClient>
  );
}
