import { ArrowLeftRight, ChevronRight, Clock, Globe, Hammer, Map, Pencil, Users } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { delegatePage } from "~/components/delegate/server";
import { Card } from "~/components/ui/card";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("delegate"))("more.title") };
}

/** Everything that is not a daily task: profile, transfers, her public page, the map. */
export default async function MorePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { canEdit } = await delegatePage(id, `${base}/mas`);
  const t = await getTranslations("delegate");
  const tp = await getTranslations("plans");
  const tl = await getTranslations("labour");
  const links = [
    { href: `${base}/turnos`, label: tl("shifts.title"), Icon: Clock },
    { href: `${base}/socias`, label: tl("home.roles"), Icon: Users },
    { href: `${base}/perfil`, label: t("home.profile"), Icon: Pencil },
    { href: `${base}/plan`, label: tp("title"), Icon: Hammer },
    ...(canEdit ? [{ href: `${base}/almacen/transferir`, label: t("home.transfer"), Icon: ArrowLeftRight }] : []),
    { href: `/ollas/${id}`, label: t("home.publicPage"), Icon: Globe },
    { href: `/mapa?olla=${id}`, label: t("home.map"), Icon: Map },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("more.title")}</h1>
      <p className="hint">{t("more.lead")}</p>
      <Card>
        <ul className="flex flex-col divide-y divide-stone-200">
          {links.map(({ href, label, Icon }) => (
            <li key={href}>
              <Link prefetch={false} href={href} className="flex min-h-14 items-center justify-between gap-2 font-semibold text-inherit no-underline">
                <span className="flex items-center gap-3">
                  <Icon aria-hidden="true" size={20} />
                  {label}
                </span>
                <ChevronRight aria-hidden="true" size={18} />
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
