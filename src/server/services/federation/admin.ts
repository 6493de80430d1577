/** The city coordination's federation acts, each audited (who, which peer, when). */
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { findPeer, startNewEpoch } from "~/server/db/queries/federation";
import type { Actor } from "~/server/domain/actor";
import { notFound } from "~/server/errors";
import { rotateKey } from "./keys";
import { identity } from "./publish";
import { addPeer, pausePeer, removePeer } from "./subscribe";

export async function addPeerAudited(db: Db, actor: Actor, input: { url: string; thumbprint: string }) {
  const r = await addPeer(db, actor, input);
  await writeAudit(db, { actorUserId: actor.userId, action: "create", entity: "federation_peer", entityId: r.peerId, after: { url: input.url, thumbprint: input.thumbprint } });
  return r;
}

export async function pausePeerAudited(db: Db, actor: Actor, input: { peerId: string; paused: boolean }) {
  const r = await pausePeer(db, input);
  await writeAudit(db, { actorUserId: actor.userId, action: input.paused ? "pause" : "resume", entity: "federation_peer", entityId: input.peerId });
  return r;
}

export async function removePeerAudited(db: Db, actor: Actor, input: { peerId: string }) {
  const peer = await findPeer(db, input.peerId);
  if (!peer) throw notFound();
  const r = await removePeer(db, input);
  await writeAudit(db, { actorUserId: actor.userId, action: "delete", entity: "federation_peer", entityId: input.peerId, before: { url: peer.baseUrl, name: peer.name } });
  return r;
}

export async function rotateKeyAudited(db: Db, actor: Actor) {
  const r = await rotateKey(db, identity().url);
  await writeAudit(db, { actorUserId: actor.userId, action: "rotate", entity: "federation_key", entityId: r.kid, before: { kid: r.previousKid } });
  return r;
}

export async function newEpochAudited(db: Db, actor: Actor) {
  const epoch = await startNewEpoch(db);
  await writeAudit(db, { actorUserId: actor.userId, action: "new_epoch", entity: "federation_instance", entityId: epoch });
  return { epoch };
}
