import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { jsonValue, type DbOrTx } from "../client";
import { images, needs, ollaPlanItems, ollaPlans, ollas, planModules, postComments, postPhotos, posts, users, workshopOllas, workshopPhotos, workshops } from "../schema";
import type { Scope } from "~/server/domain/scope";
import type { NeedCategory, NeedVisibility } from "~/shared/needs";
import type { PostVisibility } from "~/shared/posts";

/** Who is reading: her scope (empty for a visitor) and whether she is a member of the network. */
export interface Viewer {
  scope: Scope;
  member: boolean;
}

export type PostRow = typeof posts.$inferSelect;

/**
 * The posts a viewer may see (posts joined with ollas): public ones; network ones for members;
 * olla ones for that olla's delegates and the coordinators whose scope has it. The same rule as
 * src/server/domain/posts.ts canSeePost, in SQL.
 */
export function postVisibleWhere(v: Viewer): SQL {
  const parts: (SQL | undefined)[] = [eq(posts.visibility, "public")];
  if (v.member) parts.push(eq(posts.visibility, "network"));
  if (v.scope.city) parts.push(sql`true`);
  if (v.scope.zoneIds.length) parts.push(inArray(ollas.zoneId, v.scope.zoneIds));
  if (v.scope.delegateOllaIds.length) parts.push(inArray(posts.ollaId, v.scope.delegateOllaIds));
  return or(...parts)!;
}

export interface FeedFilter {
  postId?: string;
  ollaId?: string;
  zoneId?: string;
  districtUbigeo?: string;
  category?: NeedCategory;
  /** Only the posts about one of her olla's needs or plan modules (the link from the need or the module). */
  needId?: string;
  planItemId?: string;
  /** Only public posts, whoever asks (the public city feed and the olla's public page). */
  publicOnly?: boolean;
  before?: { at: Date; id: string };
  limit: number;
}

const postColumns = {
  id: posts.id,
  ollaId: posts.ollaId,
  ollaName: ollas.name,
  districtUbigeo: ollas.districtUbigeo,
  zoneId: ollas.zoneId,
  authorId: posts.authorId,
  body: posts.body,
  visibility: posts.visibility,
  categories: posts.categories,
  needId: posts.needId,
  planItemId: posts.planItemId,
  version: posts.version,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
};

/** A photo of a feed post, as the feed reads it. */
export interface FeedPhoto {
  thumbHash: string;
  displayHash: string;
  sourceType: string;
  width: number;
  height: number;
}
/** The need a post is about, with what decides who may read its description. */
export interface FeedNeedLink {
  id: string;
  description: string;
  category: NeedCategory;
  visibility: NeedVisibility;
}
/** The plan module a post is about, and whether its olla hid its plan. */
export interface FeedPlanLink {
  nameEs: string;
  nameEn: string;
  hidden: boolean;
}

/**
 * Each post's photos, comment count and what it is about, as subqueries of the feed's own
 * statement: a feed page is one round trip instead of three (the feed, then its photos and
 * counts, then its links). PostgreSQL evaluates them only for the rows the LIMIT keeps.
 */
const postExtras = {
  photos: sql<unknown>`(select coalesce(json_agg(json_build_object('thumbHash', ${postPhotos.thumbHash}, 'displayHash', ${postPhotos.displayHash},
      'sourceType', ${postPhotos.sourceType}, 'width', ${postPhotos.width}, 'height', ${postPhotos.height}) order by ${postPhotos.position}), '[]'::json)
    from ${postPhotos} where ${postPhotos.postId} = ${posts.id})`,
  commentCount: sql<number>`(select count(*)::int from ${postComments} where ${postComments.postId} = ${posts.id})`,
  needLink: sql<unknown>`(select json_build_object('id', ${needs.id}, 'description', ${needs.description}, 'category', ${needs.category}, 'visibility', ${needs.visibility})
    from ${needs} where ${needs.id} = ${posts.needId})`,
  planLink: sql<unknown>`(select json_build_object('nameEs', ${planModules.nameEs}, 'nameEn', ${planModules.nameEn}, 'hidden', coalesce(${ollaPlans.hidden}, false))
    from ${ollaPlanItems} join ${planModules} on ${planModules.id} = ${ollaPlanItems.moduleId} left join ${ollaPlans} on ${ollaPlans.ollaId} = ${ollaPlanItems.ollaId}
    where ${ollaPlanItems.id} = ${posts.planItemId})`,
};

/**
 * The statement of a feed page, newest first (keyset on created_at, id). "desc nulls last" is the
 * order the feed indexes keep (drizzle's `.desc()` in the schema): a plain DESC means NULLS FIRST,
 * which those indexes cannot give, and PostgreSQL then sorted every visible post of the city feed
 * for each page (440 ms against 26 ms at 200,000 posts). tests/integration/posts-feed-plan.test.ts holds it.
 */
export function feedQuery(db: DbOrTx, v: Viewer, f: FeedFilter) {
  return db
    .select({ ...postColumns, ...postExtras })
    .from(posts)
    .innerJoin(ollas, eq(ollas.id, posts.ollaId))
    .where(
      and(
        f.publicOnly ? eq(posts.visibility, "public") : postVisibleWhere(v),
        f.publicOnly ? sql`${ollas.status} <> 'closed'` : undefined,
        f.postId ? eq(posts.id, f.postId) : undefined,
        f.ollaId ? eq(posts.ollaId, f.ollaId) : undefined,
        f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined,
        f.districtUbigeo ? eq(ollas.districtUbigeo, f.districtUbigeo) : undefined,
        f.category ? sql`${posts.categories} @> array[${f.category}]::need_category[]` : undefined,
        f.needId ? eq(posts.needId, f.needId) : undefined,
        f.planItemId ? eq(posts.planItemId, f.planItemId) : undefined,
        f.before ? or(lt(posts.createdAt, f.before.at), and(eq(posts.createdAt, f.before.at), lt(posts.id, f.before.id))) : undefined,
      ),
    )
    .orderBy(sql`${posts.createdAt} desc nulls last`, sql`${posts.id} desc nulls last`)
    .limit(f.limit + 1);
}

/** A feed page with each post's photos, comment count and what it is about. */
export async function listFeed(db: DbOrTx, v: Viewer, f: FeedFilter) {
  const rows = await feedQuery(db, v, f);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ photos, needLink, planLink, ...p }) => ({
      ...p,
      photos: jsonValue<FeedPhoto[]>(photos),
      needLink: needLink == null ? null : jsonValue<FeedNeedLink>(needLink),
      planLink: planLink == null ? null : jsonValue<FeedPlanLink>(planLink),
    })),
    next: rows.length > f.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

/** One post with its olla, if the viewer may see it. */
export async function findVisiblePost(db: DbOrTx, v: Viewer, postId: string) {
  const [row] = await db
    .select(postColumns)
    .from(posts)
    .innerJoin(ollas, eq(ollas.id, posts.ollaId))
    .where(and(eq(posts.id, postId), postVisibleWhere(v)))
    .limit(1);
  return row ?? null;
}

export async function findOllaPost(db: DbOrTx, ollaId: string, postId: string): Promise<PostRow | null> {
  const [row] = await db.select().from(posts).where(and(eq(posts.id, postId), eq(posts.ollaId, ollaId))).limit(1);
  return row ?? null;
}

export async function postPhotosOf(db: DbOrTx, postId: string) {
  return db.select().from(postPhotos).where(eq(postPhotos.postId, postId)).orderBy(postPhotos.position);
}

export async function insertPost(
  db: DbOrTx,
  row: { ollaId: string; authorId: string; body: string; visibility: PostVisibility; categories: NeedCategory[]; needId: string | null; planItemId: string | null },
): Promise<PostRow> {
  const [r] = await db.insert(posts).values(row).returning();
  return r!;
}

export async function insertPostPhotos(db: DbOrTx, rows: (typeof postPhotos.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(postPhotos).values(rows);
}

export async function updatePostAtVersion(
  db: DbOrTx,
  key: { id: string; ollaId: string; authorId: string; version: number },
  set: { body: string; visibility: PostVisibility; categories: NeedCategory[]; needId: string | null; planItemId: string | null },
): Promise<PostRow | null> {
  const [r] = await db
    .update(posts)
    .set({ ...set, version: sql`${posts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(posts.id, key.id), eq(posts.ollaId, key.ollaId), eq(posts.authorId, key.authorId), eq(posts.version, key.version)))
    .returning();
  return r ?? null;
}

export async function deletePost(db: DbOrTx, key: { id: string; ollaId: string; authorId: string }): Promise<PostRow | null> {
  const [r] = await db
    .delete(posts)
    .where(and(eq(posts.id, key.id), eq(posts.ollaId, key.ollaId), eq(posts.authorId, key.authorId)))
    .returning();
  return r ?? null;
}

/** Comments of a post, oldest first, with their author's name (members only ever read these). */
export async function listComments(db: DbOrTx, postId: string) {
  return db
    .select({ id: postComments.id, body: postComments.body, authorId: postComments.authorId, authorName: users.name, createdAt: postComments.createdAt })
    .from(postComments)
    .leftJoin(users, eq(users.id, postComments.authorId))
    .where(eq(postComments.postId, postId))
    .orderBy(postComments.createdAt, postComments.id)
    .limit(200);
}

export async function insertComment(db: DbOrTx, row: { postId: string; authorId: string; body: string }) {
  const [r] = await db.insert(postComments).values(row).returning();
  return r!;
}

export async function findComment(db: DbOrTx, postId: string, commentId: string) {
  const [r] = await db.select().from(postComments).where(and(eq(postComments.id, commentId), eq(postComments.postId, postId))).limit(1);
  return r ?? null;
}

export async function deleteComment(db: DbOrTx, postId: string, commentId: string) {
  const [r] = await db.delete(postComments).where(and(eq(postComments.id, commentId), eq(postComments.postId, postId))).returning();
  return r ?? null;
}

// ---- what a post is about: one of her olla's needs or plan modules ------------------

/** What her composer offers to link a post to: her olla's open needs and its plan modules (hers only). */
export async function postLinkTargets(db: DbOrTx, ollaId: string) {
  const [ns, ps] = await Promise.all([
    db
      .select({ id: needs.id, description: needs.description, category: needs.category })
      .from(needs)
      .where(and(eq(needs.ollaId, ollaId), inArray(needs.status, ["open", "in_progress"])))
      .orderBy(desc(needs.createdAt))
      .limit(50),
    db
      .select({ id: ollaPlanItems.id, nameEs: planModules.nameEs, nameEn: planModules.nameEn, category: planModules.category, status: ollaPlanItems.status })
      .from(ollaPlanItems)
      .innerJoin(planModules, eq(planModules.id, ollaPlanItems.moduleId))
      .where(eq(ollaPlanItems.ollaId, ollaId))
      .orderBy(ollaPlanItems.position, ollaPlanItems.id),
  ]);
  return { needs: ns, planItems: ps };
}

/** How many posts are about each of her olla's needs and plan modules (the count on each, linking to them). */
export async function postCountsAbout(db: DbOrTx, ollaId: string) {
  const rows = await db
    .select({ needId: posts.needId, planItemId: posts.planItemId, n: sql<number>`count(*)::int` })
    .from(posts)
    .where(and(eq(posts.ollaId, ollaId), or(sql`${posts.needId} is not null`, sql`${posts.planItemId} is not null`)))
    .groupBy(posts.needId, posts.planItemId);
  const needCounts: Record<string, number> = {};
  const planItemCounts: Record<string, number> = {};
  for (const r of rows) {
    if (r.needId) needCounts[r.needId] = (needCounts[r.needId] ?? 0) + r.n;
    if (r.planItemId) planItemCounts[r.planItemId] = (planItemCounts[r.planItemId] ?? 0) + r.n;
  }
  return { needs: needCounts, planItems: planItemCounts };
}

// ---- images -----------------------------------------------------------------------

export type ImageRow = typeof images.$inferSelect;

export async function insertImages(db: DbOrTx, rows: Omit<ImageRow, "createdAt" | "byteSize">[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(images)
    .values(rows.map((r) => ({ ...r, byteSize: r.bytes.byteLength })))
    .onConflictDoNothing({ target: images.hash });
}

export async function findImage(db: DbOrTx, hash: string): Promise<ImageRow | null> {
  const [r] = await db.select().from(images).where(eq(images.hash, hash)).limit(1);
  return r ?? null;
}

/**
 * Whether the viewer may see an image: it is shown by a post she may see, or by a workshop of
 * her scope (a coordinator of its zone, a delegate of a participating olla). `public` says
 * whether anyone may (shared caches may then keep it). Null: no one she may see shows it.
 */
export async function imageAccess(db: DbOrTx, v: Viewer, hash: string): Promise<{ public: boolean } | null> {
  const [p] = await db
    .select({ public: sql<boolean>`bool_or(${posts.visibility} = 'public')` })
    .from(postPhotos)
    .innerJoin(posts, eq(posts.id, postPhotos.postId))
    .innerJoin(ollas, eq(ollas.id, posts.ollaId))
    .where(and(or(eq(postPhotos.thumbHash, hash), eq(postPhotos.displayHash, hash)), postVisibleWhere(v)));
  if (p?.public !== null && p?.public !== undefined) return { public: p.public };
  const reach: SQL[] = [];
  if (v.scope.city) reach.push(sql`true`);
  if (v.scope.zoneIds.length) reach.push(inArray(workshops.zoneId, v.scope.zoneIds));
  if (v.scope.delegateOllaIds.length)
    reach.push(
      sql`exists (select 1 from ${workshopOllas} where ${workshopOllas.workshopId} = ${workshops.id} and ${inArray(workshopOllas.ollaId, v.scope.delegateOllaIds)})`,
    );
  if (!reach.length) return null;
  const [w] = await db
    .select({ one: sql<number>`1` })
    .from(workshopPhotos)
    .innerJoin(workshops, eq(workshops.id, workshopPhotos.workshopId))
    .where(and(or(eq(workshopPhotos.thumbHash, hash), eq(workshopPhotos.displayHash, hash)), or(...reach)))
    .limit(1);
  return w ? { public: false } : null;
}
