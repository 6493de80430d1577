import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signedInMe } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** After sign-in: a delegate goes to her olla, a coordinator to coordination. */
export default async function AfterLogin() {
  const me = await signedInMe();
  if (!me) redirect("/ingresar");
  if (me.ollas.length > 0) redirect(`/mi-olla/${me.ollas[0]!.id}`);
  if (me.city || me.zones.length > 0) redirect("/coordinacion");
  const t = await getTranslations("roles");
  return (
    <p role="status" className="alert">
      {t("noRole")}
    </p>
  );
}
