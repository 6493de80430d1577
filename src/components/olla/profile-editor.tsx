"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "~/components/forms/errors";
import { useTRPC } from "~/trpc/react";
import { OllaProfileForm, type ProfileValues } from "./profile-form";

/** Loads the profile with its version, saves against that version, and on CONFLICT offers the latest. */
export function ProfileEditor({ ollaId, backHref }: { ollaId: string; backHref: string }) {
  const t = useTranslations("olla");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const olla = useQuery(trpc.olla.get.queryOptions({ ollaId }));
  const districts = useQuery(trpc.reference.districts.queryOptions());
  const zones = useQuery(trpc.reference.zones.queryOptions());
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.olla.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await qc.invalidateQueries({ queryKey: trpc.olla.get.queryKey({ ollaId }) });
      },
    }),
  );

  if (olla.isPending || districts.isPending || zones.isPending) return <p role="status">{tc("loading")}</p>;
  if (olla.isError) return <FormError error={olla.error} />;
  const p = olla.data.profile;
  const initial: ProfileValues = {
    name: p.name,
    districtUbigeo: p.districtUbigeo,
    zoneId: p.zoneId,
    status: p.status,
    addressReference: p.addressReference,
    location: p.location,
    publishExact: p.publishExact,
    foundedOn: p.foundedOn,
    cookingDays: p.cookingDays as ProfileValues["cookingDays"],
    rationsPerDay: p.rationsPerDay,
    beneficiaries: p.beneficiaries,
    rationPriceCents: p.rationPriceCents,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
  };
  const isConflict = (save.error as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";
  return (
    <div className="flex flex-col gap-4">
      <Link href={backHref}>← {tc("back")}</Link>
      <h1 className="text-2xl font-bold">{t("profileTitle")}</h1>
      {saved && !save.error && (
        <p role="status" className="notice">
          {t("saved")}
        </p>
      )}
      {isConflict && (
        <button
          type="button"
          className="btn btn-secondary self-start"
          onClick={async () => {
            await olla.refetch();
            save.reset();
            setFormKey((k) => k + 1);
          }}
        >
          {t("conflictReload")}
        </button>
      )}
      <OllaProfileForm
        key={`${formKey}-${p.version}`}
        initial={initial}
        districts={(districts.data ?? []).map((d) => ({ value: d.ubigeo, label: d.name }))}
        zones={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))}
        error={save.error}
        busy={save.isPending}
        submitLabel={tc("save")}
        onSubmit={(v) => {
          setSaved(false);
          save.mutate({ ...v, ollaId, version: p.version });
        }}
      />
    </div>
  );
}
