import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "../client";
import { images, memberships, ollas, postComments, postPhotos, posts, users, workshopFollowUps, workshopOllas, workshopPhotos, workshopProblems, workshops } from "../schema";
import { addDays, limaToday } from "~/shared/lima-day";
import type { NeedCategory } from "~/shared/needs";
import type { PostVisibility } from "~/shared/posts";
import type { DemoContext } from "./seeders";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * Three small photos made here with sharp (no network, no committed binaries): a pot, a water
 * tank, a storeroom shelf, each as a display JPEG (≤ 1024 px) and a WebP thumbnail (320 px),
 * stored once by hash like uploaded ones; the demo's posts and workshops reuse them.
 */
async function demoPhotos(db: Db) {
  const scenes = [
    { bg: "#c2703d", shape: `<ellipse cx="320" cy="300" rx="200" ry="120" fill="#3b3b3b"/><rect x="120" y="180" width="400" height="120" fill="#555"/><ellipse cx="320" cy="180" rx="200" ry="40" fill="#888"/>` },
    { bg: "#6fa8dc", shape: `<rect x="200" y="90" width="240" height="300" rx="30" fill="#1f3b57"/><rect x="0" y="390" width="640" height="90" fill="#7a6a53"/>` },
    { bg: "#e6d3a3", shape: `<rect x="60" y="120" width="520" height="20" fill="#6b4f2a"/><rect x="60" y="280" width="520" height="20" fill="#6b4f2a"/><rect x="90" y="40" width="90" height="80" fill="#c0392b"/><rect x="220" y="200" width="120" height="80" fill="#f1c40f"/><rect x="400" y="40" width="90" height="80" fill="#27ae60"/>` },
  ];
  const out: { thumb: string; display: string; width: number; height: number }[] = [];
  for (const s of scenes) {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="${s.bg}"/>${s.shape}</svg>`);
    const display = await sharp(svg).jpeg({ quality: 78, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(display.data).resize(320, 320, { fit: "inside" }).webp({ quality: 60 }).toBuffer({ resolveWithObject: true });
    const rows = [
      { bytes: u8(display.data), mime: "image/jpeg", width: display.info.width, height: display.info.height },
      { bytes: u8(thumb.data), mime: "image/webp", width: thumb.info.width, height: thumb.info.height },
    ].map((r) => ({ ...r, hash: sha(r.bytes), byteSize: r.bytes.byteLength }));
    await db.insert(images).values(rows).onConflictDoNothing();
    out.push({ display: rows[0]!.hash, thumb: rows[1]!.hash, width: display.info.width, height: display.info.height });
  }
  return out;
}

const TEXTS: { body: string; categories: NeedCategory[]; visibility: PostVisibility; photo?: number }[] = [
  { body: "Hoy cocinamos 140 raciones de arroz con lentejas. Gracias a todas las socias que llegaron temprano.", categories: ["food"], visibility: "public", photo: 0 },
  { body: "La cisterna no vino esta semana: juntamos agua en baldes de las vecinas. ¿Alguna olla sabe el nuevo horario?", categories: ["water"], visibility: "network", photo: 1 },
  { body: "Ordenamos el almacén y pusimos tarimas: ya nada toca el piso.", categories: ["storage"], visibility: "public", photo: 2 },
  { body: "Se rompió la manguera del balón de gas. Cocinamos con leña mientras tanto.", categories: ["cooking"], visibility: "olla" },
  { body: "Reunión de socias el sábado a las 4 pm para ver las cuentas del mes.", categories: [], visibility: "olla" },
  { body: "Llegaron 20 kg de menestras de la parroquia. ¡Gracias!", categories: ["food"], visibility: "public" },
  { body: "Pintamos la pared de la cocina con lo que sobró de la actividad.", categories: ["cooking"], visibility: "network", photo: 0 },
  { body: "Necesitamos un tanque más grande: el de 250 litros no alcanza para dos días.", categories: ["water", "storage"], visibility: "network", photo: 1 },
];
const COMMENTS = ["¡Qué bien, compañeras!", "Nosotras también tuvimos ese problema, hablemos en el taller.", "La cisterna pasa los martes en nuestra zona.", "Felicitaciones por el orden del almacén."];

/**
 * Demo novedades and talleres: three weeks of posts from the first ollas of the demo zone (some
 * with photos, comments on network posts) and three workshops of that zone with problems,
 * agreements and follow-ups, one pending for the demo delegate's olla (so her home shows it and
 * she can accept it as a need or into her plan). Bulk inserts: well under a second.
 */
export async function seedPostsDemo(db: Db, ctx: DemoContext): Promise<void> {
  const [mine] = await db.select({ ollaId: memberships.ollaId }).from(memberships).where(and(eq(memberships.userId, ctx.delegateUserIds[0]!), eq(memberships.role, "delegate"))).limit(1);
  if (!mine?.ollaId) return;
  const [home] = await db.select({ zoneId: ollas.zoneId }).from(ollas).where(eq(ollas.id, mine.ollaId));
  const zoneOllas = (await db.select({ id: ollas.id }).from(ollas).where(and(eq(ollas.zoneId, home!.zoneId), eq(ollas.status, "active"))).limit(12)).map((o) => o.id);
  const ids = [mine.ollaId, ...zoneOllas.filter((id) => id !== mine.ollaId)].slice(0, 8);
  const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, "zonal.sjl@redollas.pe")).limit(1);
  const photos = await demoPhotos(db);
  const { rng, today } = ctx;
  const day = 86_400_000;

  // Posts: each olla a few over the last three weeks; the demo delegate's are hers.
  const postRows: (typeof posts.$inferInsert)[] = [];
  const photoOf = new Map<number, number>();
  ids.forEach((ollaId, oi) => {
    const n = oi === 0 ? 5 : rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const t = TEXTS[(oi * 3 + k) % TEXTS.length]!;
      const at = new Date(today.getTime() - rng.int(0, 21) * day - rng.int(0, 600) * 60_000);
      if (t.photo !== undefined) photoOf.set(postRows.length, t.photo);
      postRows.push({ ollaId, authorId: oi === 0 ? ctx.delegateUserIds[0]! : oi === 1 ? ctx.delegateUserIds[1]! : null, body: t.body, visibility: t.visibility, categories: t.categories, createdAt: at, updatedAt: at });
    }
  });
  const inserted = await db.insert(posts).values(postRows).returning({ id: posts.id, visibility: posts.visibility, createdAt: posts.createdAt });
  const pp = [...photoOf].map(([i, p]) => ({ postId: inserted[i]!.id, position: 0, thumbHash: photos[p]!.thumb, displayHash: photos[p]!.display, sourceType: "jpeg", width: photos[p]!.width, height: photos[p]!.height }));
  if (pp.length) await db.insert(postPhotos).values(pp);
  const commenters = [ctx.delegateUserIds[1]!, ctx.delegateUserIds[0]!, ...(coordinator ? [coordinator.id] : [])];
  const comments = inserted
    .filter((p) => p.visibility !== "olla")
    .slice(0, 8)
    .map((p, i) => ({ postId: p.id, authorId: commenters[i % commenters.length]!, body: COMMENTS[i % COMMENTS.length]!, createdAt: new Date(p.createdAt.getTime() + 3_600_000) }));
  if (comments.length) await db.insert(postComments).values(comments);

  // Three workshops of the zone, newest last; the demo delegate's olla joined all three.
  const d = (n: number) => addDays(limaToday(today), n);
  const plan = [
    {
      heldOn: d(-40),
      place: "Local comunal de Huáscar",
      agreements: "Pedir juntas a la municipalidad el horario fijo de la cisterna.\nCompartir baldes con tapa entre ollas vecinas.",
      problems: [
        { category: "water" as const, note: "La cisterna llega una vez por semana y sin horario." },
        { category: "sanitation" as const, note: "Sin lavadero para las manos en tres ollas." },
      ],
      followUps: [
        { what: "Carta a la municipalidad pidiendo el horario de la cisterna", ollaId: null, dueOn: d(-25), status: "done" as const },
        { what: "Conseguir dos baldes con tapa para guardar agua", ollaId: ids[1] ?? null, dueOn: d(-10), status: "pending" as const },
      ],
    },
    {
      heldOn: d(-18),
      place: "Parroquia San Marcos",
      agreements: "Cada olla revisa su almacén y pone tarimas.\nLa coordinación averigua precios de tanques de 1100 litros.",
      problems: [
        { category: "storage" as const, note: "Humedad y ratas en los almacenes." },
        { category: "water" as const, note: "Tanques pequeños: el agua no alcanza dos días." },
      ],
      followUps: [
        { what: "Cotizar un tanque de 1100 litros", ollaId: mine.ollaId, dueOn: d(12), status: "pending" as const },
        { what: "Poner tarimas en el almacén", ollaId: ids[2] ?? null, dueOn: d(-3), status: "pending" as const },
        { what: "Averiguar precios de tanques con tres proveedores", ollaId: null, dueOn: d(5), status: "pending" as const },
      ],
    },
    {
      heldOn: d(-5),
      place: "Olla Común Virgen de Guadalupe",
      agreements: "Turnos para limpiar la cocina. Buscar una cocina mejorada con la red.",
      problems: [{ category: "cooking" as const, note: "Humo en la cocina: las socias se quejan de los ojos." }],
      followUps: [
        { what: "Ordenar turnos de limpieza de la cocina", ollaId: mine.ollaId, dueOn: d(-1), status: "done" as const },
        { what: "Visitar una olla con cocina mejorada", ollaId: ids[3] ?? null, dueOn: d(20), status: "pending" as const },
      ],
    },
  ];
  const made = await db
    .insert(workshops)
    .values(plan.map((w) => ({ zoneId: home!.zoneId, heldOn: w.heldOn, place: w.place, facilitators: "Equipo de la coordinación zonal", agreements: w.agreements, createdBy: coordinator?.id ?? null })))
    .returning({ id: workshops.id });
  const participants = ids.slice(0, 6);
  await db.insert(workshopOllas).values(made.flatMap((w) => participants.map((ollaId) => ({ workshopId: w.id, ollaId }))));
  await db.insert(workshopProblems).values(made.flatMap((w, i) => plan[i]!.problems.map((p) => ({ workshopId: w.id, ...p }))));
  await db.insert(workshopFollowUps).values(made.flatMap((w, i) => plan[i]!.followUps.filter((f) => f.ollaId === null || participants.includes(f.ollaId)).map((f) => ({ workshopId: w.id, ...f }))));
  await db.insert(workshopPhotos).values(made.slice(0, 2).map((w, i) => ({ workshopId: w.id, position: 0, thumbHash: photos[i + 1]!.thumb, displayHash: photos[i + 1]!.display, width: photos[i + 1]!.width, height: photos[i + 1]!.height })));
}
