"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { OllaProfileForm } from "~/components/olla/profile-form";
import { useTRPC } from "~/trpc/react";

export function CreateOlla() {
  const t = useTranslations("coord");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.me.get.queryOptions());
  const districts = useQuery(trpc.reference.districts.queryOptions());
  const zones = useQuery(trpc.reference.zones.queryOptions());
  const create = useMutation(trpc.olla.create.mutationOptions({ onSuccess: (o) => router.push(`/coordinacion/ollas/${o.id}`) }));
  if (!me.data || !districts.data || !zones.data) return <p role="status">{tc("loading")}</p>;
  const myZones = me.data.city ? zones.data : zones.data.filter((z) => me.data.zones.some((m) => m.id === z.id));
  const firstZone = myZones[0];
  const district = firstZone?.districtUbigeo ?? districts.data[0]?.ubigeo ?? "150132";
  const centroid = { lat: -12.0464, lng: -77.0428 };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("createTitle")}</h1>
      <OllaProfileForm
        initial={{
          name: "",
          districtUbigeo: district,
          zoneId: firstZone?.id ?? "",
          status: "active",
          addressReference: "",
          location: centroid,
          publishExact: false,
          foundedOn: null,
          cookingDays: ["mon", "tue", "wed", "thu", "fri"],
          rationsPerDay: 80,
          beneficiaries: { children: 0, olderAdults: 0, pregnantNursing: 0, disabled: 0 },
          rationPriceCents: 0,
          contactName: "",
          contactPhone: null,
        }}
        districts={districts.data.map((d) => ({ value: d.ubigeo, label: d.name }))}
        zones={myZones.map((z) => ({ value: z.id, label: z.name }))}
        error={create.error}
        busy={create.isPending}
        submitLabel={t("createTitle")}
        onSubmit={(v) => create.mutate(v)}
      />
    </div>
  );
}
