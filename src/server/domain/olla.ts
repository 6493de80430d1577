/** Row shape -> the editable profile shape the forms use (private fields included). */
export interface OllaLike {
  id: string;
  name: string;
  districtUbigeo: string;
  zoneId: string;
  status: "active" | "paused" | "closed";
  addressReference: string | null;
  lat: number;
  lng: number;
  publicLat: number;
  publicLng: number;
  publishExact: boolean;
  foundedOn: string | null;
  cookingDays: string[];
  rationsPerDay: number;
  beneficiariesChildren: number;
  beneficiariesOlderAdults: number;
  beneficiariesPregnantNursing: number;
  beneficiariesDisabled: number;
  rationPriceCents: number;
  contactName: string | null;
  contactPhone: string | null;
  version: number;
  updatedAt: Date;
}

export function privateProfile(o: OllaLike) {
  return {
    id: o.id,
    version: o.version,
    updatedAt: o.updatedAt,
    name: o.name,
    districtUbigeo: o.districtUbigeo,
    zoneId: o.zoneId,
    status: o.status,
    addressReference: o.addressReference,
    location: { lat: o.lat, lng: o.lng },
    publicLocation: { lat: o.publicLat, lng: o.publicLng },
    publishExact: o.publishExact,
    foundedOn: o.foundedOn,
    cookingDays: o.cookingDays,
    rationsPerDay: o.rationsPerDay,
    beneficiaries: {
      children: o.beneficiariesChildren,
      olderAdults: o.beneficiariesOlderAdults,
      pregnantNursing: o.beneficiariesPregnantNursing,
      disabled: o.beneficiariesDisabled,
    },
    rationPriceCents: o.rationPriceCents,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
  };
}
export type PrivateProfile = ReturnType<typeof privateProfile>;
