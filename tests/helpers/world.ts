import { appRouter } from "~/server/api/root";
import { createCallerFactory, createInnerContext, createTRPCContext } from "~/server/api/trpc";
import type { Db } from "~/server/db/client";
import { memberships, ollas, users, zones } from "~/server/db/schema";
import { createSession, loadSessionUser, type SessionUser } from "~/server/db/queries/sessions";
import { hashPassword } from "~/server/auth/password";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import type { Locale } from "~/i18n/config";

export const PASSWORD = "clave-de-prueba-1";
const createCaller = createCallerFactory(appRouter);

export type Who =
  | "anon"
  | "noRole"
  | "delegateA"
  | "delegateB"
  | "zoneNorth"
  | "zoneSouth"
  | "city"
  | "deactivated";

/** Private values planted in the world: none may ever reach an anonymous caller. */
export const CANARY = {
  addressA: "Mz. Q Lt. 9 CANARYADDR-A7X",
  contactNameA: "CANARYNAME Florinda Ccori",
  contactPhoneA: "+51912345678",
  latA: -12.017731,
  lngA: -77.004419,
  delegateAName: "CANARYPERSON Rosa Delegada",
  delegateAPhone: "+51987650001",
  delegateAEmail: "canary.delegada.a@example.pe",
};

export interface World {
  db: Db;
  zones: { north: string; south: string };
  ollas: { a: string; b: string; c: string };
  userIds: Record<Exclude<Who, "anon">, string>;
  sessions: Record<Exclude<Who, "anon">, SessionUser | null>;
  caller: (who: Who, locale?: Locale) => ReturnType<typeof createCaller>;
  /**
   * A caller whose context is built as /api/trpc builds it for one call with this input: from
   * her session id, with the olla the input names loaded together with the session.
   */
  requestCaller: (who: Who, input: unknown) => Promise<ReturnType<typeof createCaller>>;
  refreshSession: (who: Exclude<Who, "anon">) => Promise<void>;
}

function olla(name: string, zoneId: string, district: string, lat: number, lng: number, extra: Partial<typeof ollas.$inferInsert> = {}) {
  const seed = Math.abs(name.split("").reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) || 1;
  const pub = publicPoint({ lat, lng }, seed, false, locationKey());
  return {
    name,
    zoneId,
    districtUbigeo: district,
    lat,
    lng,
    locationSeed: seed,
    publicLat: pub.lat,
    publicLng: pub.lng,
    rationsPerDay: 80,
    ...extra,
  } satisfies typeof ollas.$inferInsert;
}

/**
 * Two zones (north: SJL, south: VES), ollas A and B in the north, C in the south,
 * and one person per role, each with a real server-side session.
 */
export async function buildWorld(db: Db): Promise<World> {
  const [north, south] = await db
    .insert(zones)
    .values([
      { name: "Red zonal Norte (test)", districtUbigeo: "150132" },
      { name: "Red zonal Sur (test)", districtUbigeo: "150142" },
    ])
    .returning({ id: zones.id });
  const [a, b, c] = await db
    .insert(ollas)
    .values([
      olla("Olla A Virgen de Guadalupe", north!.id, "150132", CANARY.latA, CANARY.lngA, {
        addressReference: CANARY.addressA,
        contactName: CANARY.contactNameA,
        contactPhone: CANARY.contactPhoneA,
      }),
      olla("Olla B Manos Unidas", north!.id, "150132", -12.0001, -76.99),
      olla("Olla C Sol Naciente", south!.id, "150142", -12.2131, -76.9362),
    ])
    .returning({ id: ollas.id });
  const hash = await hashPassword(PASSWORD);
  const people: { key: Exclude<Who, "anon">; name: string; phone?: string; email?: string }[] = [
    { key: "delegateA", name: CANARY.delegateAName, phone: CANARY.delegateAPhone, email: CANARY.delegateAEmail },
    { key: "delegateB", name: "Delegada B", phone: "+51987650002" },
    { key: "zoneNorth", name: "Coordinadora Norte", email: "norte@example.pe" },
    { key: "zoneSouth", name: "Coordinadora Sur", email: "sur@example.pe" },
    { key: "city", name: "Coordinadora Ciudad", email: "ciudad@example.pe" },
    { key: "noRole", name: "Sin Rol", email: "sinrol@example.pe" },
    { key: "deactivated", name: "Delegada Desactivada", phone: "+51987650003" },
  ];
  const inserted = await db
    .insert(users)
    .values(people.map((p) => ({ name: p.name, phone: p.phone ?? null, email: p.email ?? null, passwordHash: hash })))
    .returning({ id: users.id });
  const userIds = Object.fromEntries(people.map((p, i) => [p.key, inserted[i]!.id])) as World["userIds"];
  await db.insert(memberships).values([
    { userId: userIds.delegateA, role: "delegate", ollaId: a!.id },
    { userId: userIds.delegateB, role: "delegate", ollaId: b!.id },
    { userId: userIds.zoneNorth, role: "zone_coordinator", zoneId: north!.id },
    { userId: userIds.zoneSouth, role: "zone_coordinator", zoneId: south!.id },
    { userId: userIds.city, role: "city_coordinator" },
    { userId: userIds.deactivated, role: "delegate", ollaId: a!.id, active: false },
  ]);
  const sessionIds = {} as Record<Exclude<Who, "anon">, string>;
  const sessions = {} as World["sessions"];
  for (const p of people) {
    sessionIds[p.key] = await createSession(db, userIds[p.key], 3600);
    sessions[p.key] = await loadSessionUser(db, sessionIds[p.key]);
  }
  const world: World = {
    db,
    zones: { north: north!.id, south: south!.id },
    ollas: { a: a!.id, b: b!.id, c: c!.id },
    userIds,
    sessions,
    caller: (who, locale = "es") =>
      createCaller(createInnerContext({ db, session: who === "anon" ? null : sessions[who], locale })),
    requestCaller: async (who, input) =>
      createCaller(
        await createTRPCContext({
          headers: new Headers(),
          db,
          locale: "es",
          sessionId: who === "anon" ? null : sessionIds[who],
          calls: [{ getRawInput: async () => input }],
        }),
      ),
    refreshSession: async (who) => {
      sessions[who] = await loadSessionUser(db, sessionIds[who]);
    },
  };
  return world;
}

/** A valid profile for `update`/`create`, based on what `olla.get` returned. */
export function profileInput(p: {
  name: string;
  districtUbigeo: string;
  zoneId: string;
  status: "active" | "paused" | "closed";
  addressReference: string | null;
  location: { lat: number; lng: number };
  publishExact: boolean;
  foundedOn: string | null;
  cookingDays: string[];
  rationsPerDay: number;
  beneficiaries: { children: number; olderAdults: number; pregnantNursing: number; disabled: number };
  rationPriceCents: number;
  contactName: string | null;
  contactPhone: string | null;
}) {
  return {
    name: p.name,
    districtUbigeo: p.districtUbigeo,
    zoneId: p.zoneId,
    status: p.status,
    addressReference: p.addressReference,
    location: p.location,
    publishExact: p.publishExact,
    foundedOn: p.foundedOn,
    cookingDays: p.cookingDays as ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[],
    rationsPerDay: p.rationsPerDay,
    beneficiaries: p.beneficiaries,
    rationPriceCents: p.rationPriceCents,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
  };
}
