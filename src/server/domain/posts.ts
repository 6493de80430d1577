import { canSeeOlla, isCoordinator, isDelegateOf, type Scope } from "./scope";
import type { PostVisibility } from "~/shared/posts";

/** A member of the network: a delegate of some olla or a coordinator (not merely signed in). */
export function isMember(scope: Scope): boolean {
  return isCoordinator(scope) || scope.delegateOllaIds.length > 0;
}

export const EMPTY_SCOPE: Scope = { city: false, zoneIds: [], delegateOllaIds: [] };

export function viewerOf(scope: Scope | null) {
  const s = scope ?? EMPTY_SCOPE;
  return { scope: s, member: isMember(s) };
}

/**
 * Who sees a post: public → anyone; network → every member of the network; olla → its
 * delegates and the coordinators whose scope has the olla. (SQL twin: postVisibleWhere.)
 */
export function canSeePost(scope: Scope | null, post: { visibility: PostVisibility; ollaId: string; zoneId: string }): boolean {
  if (post.visibility === "public") return true;
  const s = scope ?? EMPTY_SCOPE;
  if (post.visibility === "network" && isMember(s)) return true;
  return canSeeOlla(s, { id: post.ollaId, zoneId: post.zoneId });
}

/** Members comment on the network's and the public's posts; an olla-only post is for its own people, who may comment too. */
export function canComment(scope: Scope, post: { visibility: PostVisibility; ollaId: string; zoneId: string }): boolean {
  return isMember(scope) && canSeePost(scope, post);
}

/** A comment goes away by its author, or by a delegate of the olla whose post it is under. */
export function canDeleteComment(scope: Scope, userId: string, comment: { authorId: string | null }, post: { ollaId: string }): boolean {
  return comment.authorId === userId || isDelegateOf(scope, { id: post.ollaId });
}
