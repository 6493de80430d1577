/**
 * The novedades part of the scale data (issue 15: "at city scale (200,000 posts, the generator
 * reusing a few images by hash)"): 20 posts per open olla over the last 90 days, half of them
 * with one photo drawn from six images made here once (content-addressed, so 100,000 photos
 * store six thumbnails and six display sizes), visibilities mixed like a real network (half
 * public, a third network, the rest olla-only) and one problem category each. Set-based and
 * deterministic like the rest of the generator (PostgreSQL's hash of the row number and seed).
 */
import { sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { rowsOf, type Db } from "~/server/db/client";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";

export interface PostsScale {
  seed: number;
  /** YYYY-MM-DD: the posts fall in the 90 days before it. */
  today: string;
  /** Posts in all (default 20 per open olla: 200,000 at 10,000 ollas). */
  posts?: number;
}

const num = (n: number) => sql.raw(String(Math.trunc(n)));
const IMAGES = 6;

/** A small photo-like picture (gradient + noise) in both stored sizes: a WebP thumbnail and a JPEG display size. */
async function sampleImages(seed: number) {
  const out: { thumb: Buffer; display: Buffer }[] = [];
  for (let k = 0; k < IMAGES; k++) {
    const w = 1024;
    const h = 768;
    const raw = Buffer.alloc(w * h * 3);
    // Noise in 12 px blocks: it survives the downscale to 320 px, so thumbnails weigh what real ones do (~10 KB).
    for (let i = 0; i < raw.length; i += 3) {
      const x = (i / 3) % w;
      const y = Math.floor(i / 3 / w);
      const b = Math.imul(Math.floor(x / 12) * 73856093 ^ Math.floor(y / 12) * 19349663 ^ (seed * 83492791 + k), 2654435761) >>> 0;
      const n = (b >>> 26) - 32;
      raw[i] = Math.max(0, Math.min(255, (x * 200) / w + n + k * 30));
      raw[i + 1] = Math.max(0, Math.min(255, (y * 200) / h + n));
      raw[i + 2] = Math.max(0, Math.min(255, 90 + k * 25 + n));
    }
    const display = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    const thumb = await sharp(display).resize(320, 320, { fit: "inside" }).webp({ quality: 62 }).toBuffer();
    out.push({ thumb, display });
  }
  return out;
}

export async function generatePosts(db: Db, opts: PostsScale): Promise<Record<string, number>> {
  const [{ n: N } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ollas where status <> 'closed'`));
  if (N === 0) return { posts: 0, post_photos: 0, images: 0 };
  const total = opts.posts ?? N * 20;
  const TODAY = sql.raw(`timestamptz '${opts.today} 23:00:00-05'`);
  const u = (salt: number, key: ReturnType<typeof sql>) =>
    sql`((hashint8extended((${key})::bigint, ${num(opts.seed * 7919 + 15_000 + salt)}::bigint) & 2147483647)::float8 / 2147483648.0)`;

  const imgs = await sampleImages(opts.seed);
  const hashes: { thumb: string; display: string }[] = [];
  for (const { thumb, display } of imgs) {
    const th = createHash("sha256").update(thumb).digest("hex");
    const dh = createHash("sha256").update(display).digest("hex");
    hashes.push({ thumb: th, display: dh });
    for (const [hash, mime, bytes, w, hgt] of [
      [th, "image/webp", thumb, 320, 240],
      [dh, "image/jpeg", display, 1024, 768],
    ] as const)
      await db.execute(sql`insert into images (hash, mime, width, height, byte_size, bytes) values (${hash}, ${mime}, ${w}, ${hgt}, ${bytes.byteLength}, ${bytes}) on conflict (hash) do nothing`);
  }
  const cats = sql.raw(`array[${PROBLEM_CATEGORIES.map((c) => `'${c}'`).join(",")}]::need_category[]`);
  const thumbs = sql.raw(`array[${hashes.map((h) => `'${h.thumb}'`).join(",")}]`);
  const displays = sql.raw(`array[${hashes.map((h) => `'${h.display}'`).join(",")}]`);

  // Posts: olla n % N, an instant in the last 90 days; the row number kept in the body for the photos below.
  await db.execute(sql`
    with o as (select row_number() over (order by id) - 1 as oi, id from ollas where status <> 'closed'),
    g as (select n, n % ${num(N)} as oi from generate_series(0, ${num(total - 1)}::bigint) n),
    r as (select g.n, o.id, ${u(1, sql`n`)} as r_t, ${u(2, sql`n`)} as r_vis, ${u(3, sql`n`)} as r_cat from g join o using (oi) offset 0)
    insert into posts (olla_id, body, visibility, categories, created_at, updated_at)
    select id,
      'Novedad de prueba ' || n || ': hoy cocinamos para el comedor y llegó la donación de la parroquia.',
      (case when r_vis < 0.5 then 'public' when r_vis < 0.85 then 'network' else 'olla' end)::post_visibility,
      array[(${cats})[1 + floor(r_cat * ${num(PROBLEM_CATEGORIES.length)})::int]],
      ${TODAY} - (r_t * interval '90 days'), ${TODAY} - (r_t * interval '90 days')
    from r`);
  // Half the posts carry one photo, one of the six images (reused by hash).
  await db.execute(sql`
    insert into post_photos (post_id, position, thumb_hash, display_hash, source_type, width, height)
    select p.id, 0, (${thumbs})[k], (${displays})[k], 'jpeg', 1024, 768
    from (select id, (substring(body from '^Novedad de prueba ([0-9]+):'))::bigint as n from posts where body like 'Novedad de prueba %') p,
    lateral (select 1 + floor(${u(4, sql`p.n`)} * ${num(IMAGES)})::int as k, ${u(5, sql`p.n`)} as r_photo) x
    where x.r_photo < 0.5`);
  await db.execute(sql`analyze posts`);
  await db.execute(sql`analyze post_photos`);
  const [c] = rowsOf<{ posts: number; photos: number; images: number }>(
    await db.execute(sql`select (select count(*)::int from posts) as posts, (select count(*)::int from post_photos) as photos, (select count(*)::int from images) as images`),
  );
  return { posts: c!.posts, post_photos: c!.photos, images: c!.images };
}
