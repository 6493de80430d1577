import { getTranslations } from "next-intl/server";
import { MovementFormPage } from "~/components/delegate/movement-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("entryTitle") };
}

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ item?: string }> }) {
  const { id } = await params;
  const { item } = await searchParams;
  return <MovementFormPage ollaId={id} kind="entry" item={item} />;
}
