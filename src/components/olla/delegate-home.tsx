"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { OllaStanding } from "~/components/dashboard/olla-standing";
import { FormError } from "~/components/forms/errors";
import { MapHomeLink } from "~/components/map/home-link";
import { StockHomeSection } from "~/components/stock/home-section";
import { useTRPC } from "~/trpc/react";
import { AssessmentPanel } from "./assessment-panel";

export function DelegateHome({ ollaId }: { ollaId: string }) {
  const trpc = useTRPC();
  const t = useTranslations("olla");
  const tc = useTranslations("common");
  const q = useQuery(trpc.olla.get.queryOptions({ ollaId }));
  if (q.isPending) return <p role="status">{tc("loading")}</p>;
  if (q.isError) return <FormError error={q.error} />;
  const { profile } = q.data;
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold" data-testid="olla-name">
          {profile.name}
        </h1>
        <p className="flex flex-wrap gap-3">
          <span className="badge">{t(`status.${profile.status}`)}</span>
          <span data-testid="olla-rations">{t("rationsPerDay", { count: profile.rationsPerDay })}</span>
        </p>
        <nav className="flex flex-wrap gap-3">
          <Link href={`/mi-olla/${ollaId}/perfil`} className="btn btn-secondary">
            {t("editProfile")}
          </Link>
          <Link href={`/ollas/${ollaId}`}>{t("publicPage")}</Link>
        </nav>
      </header>
      <StockHomeSection ollaId={ollaId} />
      <AssessmentPanel ollaId={ollaId} latest={q.data.assessments} canAssess={q.data.canAssess} />
      <OllaStanding ollaId={ollaId} />
      <MapHomeLink ollaId={ollaId} />
    </div>
  );
}
