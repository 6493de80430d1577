import { House, ListChecks, Menu, Package } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { BottomNav } from "~/components/delegate/bottom-nav";
import { PersonProvider } from "~/components/delegate/person";
import { DelegateShell } from "~/components/delegate/shell";
import { WordsProvider } from "~/components/delegate/words";
import { clientWords } from "~/components/delegate/words-server";
import { rscContext } from "~/server/request-context";

export const dynamic = "force-dynamic";

/**
 * Her olla's pages: the words her client components need (no next-intl client provider), the outbox, the "how old is this" note and the bottom bar. The page itself
 * checks access (another olla's page is "not found"); this only marks whose page it is, so the
 * service worker keeps it in her own cache and her queued changes are sent only with her session.
 */
export default async function MyOllaLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await rscContext();
  const words = await clientWords();
  if (!ctx.session) return <WordsProvider {...words}>{children}</WordsProvider>;
  const t = await getTranslations("delegate.nav");
  const renderedAt = Date.now();
  return (
    <WordsProvider {...words}>
      <PersonProvider person={{ userId: ctx.session.id, ollaId: id }}>
        <div data-ollas-person={ctx.session.id} data-rendered-at={renderedAt} className="pb-20">
          <DelegateShell renderedAt={renderedAt} signInHref={`/ingresar?callbackUrl=${encodeURIComponent(`/mi-olla/${id}`)}`}>
            {children}
          </DelegateShell>
        </div>
        <BottomNav
          ollaId={id}
          labels={{ label: t("label"), home: t("home"), stock: t("stock"), needs: t("needs"), more: t("more") }}
          icons={{
            home: <House aria-hidden="true" size={22} />,
            stock: <Package aria-hidden="true" size={22} />,
            needs: <ListChecks aria-hidden="true" size={22} />,
            more: <Menu aria-hidden="true" size={22} />,
          }}
        />
      </PersonProvider>
    </WordsProvider>
  );
}
