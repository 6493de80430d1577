import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { withdrawOfferAction } from "~/app/oferta/actions";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { canDo } from "~/server/domain/offers";
import type { OfferViewStatus } from "~/shared/offers";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

// A capability URL: never sent onward as a referrer, never indexed.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offers"))("followUp.title"), referrer: "no-referrer", robots: { index: false, follow: false } };
}

const TONE: Record<OfferViewStatus, BadgeTone> = {
  offered: "info",
  accepted: "brand",
  delivered: "success",
  declined: "neutral",
  withdrawn: "neutral",
  expired: "neutral",
  released: "neutral",
};

/**
 * The supporter's follow-up link: that one offer's state and the olla's reply, nothing else (no
 * contact, no other offer). Any wrong, revoked or malformed link is "not found", after the same
 * one hash and one indexed read.
 */
export default async function OfferFollowUpPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { token: raw } = await params;
  const sp = await searchParams;
  const token = decodeURIComponent(raw);
  const caller = await serverCaller();
  let o: Awaited<ReturnType<typeof caller.offer.followUp>>;
  try {
    o = await caller.offer.followUp({ token });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
  const t = await getTranslations("offers");
  const f = await getFormatter();
  const num = (n: number) => f.number(n, { maximumFractionDigits: 3 });
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  const unitWord = o.unit ? t(`unit.${o.unit}`) : "";
  const what = [o.quantity !== null ? `${num(o.quantity)} ${unitWord}`.trim() : null, o.itemName ?? o.what].filter(Boolean).join(" ");

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1>{t("followUp.title")}</h1>
      {sp.enviado && (
        <p role="status" className="notice" data-testid="offer-sent">
          {t("followUp.sent")}
        </p>
      )}
      {sp.retirado && o.status === "withdrawn" && (
        <p role="status" className="notice">
          {t("followUp.withdrawn")}
        </p>
      )}
      {sp.error && (
        <p role="alert" className="alert">
          {t("errors.cannotWithdraw")}
        </p>
      )}
      <p className="hint">{t("followUp.saveLink")}</p>
      <Card className="flex flex-col gap-2" as="section" title={t("followUp.state")}>
        <p>
          <Badge tone={TONE[o.status]}>
            <span data-testid="offer-status">{t(`status.${o.status}`)}</span>
          </Badge>
        </p>
        <p>
          {t("followUp.olla")}{" "}
          <Link prefetch={false} href={`/ollas/${o.ollaId}`} className="font-bold">
            {o.ollaName}
          </Link>
        </p>
        <p>{t("followUp.toward", { need: o.needDescription })}</p>
        <p>{t("followUp.what", { what })}</p>
        <p>
          {t("followUp.availableOn", { date: day(o.availableOn) })} · {t(`mode.${o.deliveryMode}`)}
        </p>
        {o.agreedOn && <p className="font-semibold">{t("followUp.agreedOn", { date: day(o.agreedOn) })}</p>}
        {o.replyMessage && (
          <p className="notice" data-testid="offer-reply">
            {t("followUp.reply", { message: o.replyMessage })}
          </p>
        )}
        {o.status === "delivered" && o.deliveredQuantity !== null && o.deliveredOn && (
          <p className="font-semibold" data-testid="offer-delivered">
            {t("followUp.delivered", { quantity: num(o.deliveredQuantity), unit: unitWord, date: day(o.deliveredOn) })}
          </p>
        )}
        {o.status === "declined" && o.declineReason && <p>{t("followUp.declined", { reason: t(`declineReason.${o.declineReason}`) })}</p>}
        {o.status === "expired" && <p>{t("followUp.expired")}</p>}
        {o.status === "released" && <p>{t("followUp.released")}</p>}
        {o.status === "withdrawn" && <p>{t("followUp.withdrawn")}</p>}
      </Card>
      {canDo("withdraw", o.status) && (
        <form action={withdrawOfferAction}>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" variant="danger" data-testid="offer-withdraw">
            {t("followUp.withdraw")}
          </Button>
        </form>
      )}
      <Link prefetch={false} href={`/necesidades/${o.needId}`} className="back-link">
        ← {t("followUp.seeNeed")}
      </Link>
    </div>
  );
}
