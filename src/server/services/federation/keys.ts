/**
 * This instance's Ed25519 signing keys (jose): made on first use and kept in the database, the
 * JWKS of every key it signed with, and rotation — the new key is announced in a compact JWS
 * signed by the key it replaces, so a subscriber that pinned the old key follows on its own.
 */
import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { Db, DbOrTx } from "~/server/db/client";
import { activeKey, allKeys, insertKey, lockKeys } from "~/server/db/queries/federation";

export const ALG = "Ed25519";
export const ROTATION_TYP = "red-de-ollas-key-rotation+jws";

/** Only the public members of an OKP key: what may ever be published or pinned. */
export function publicMembers(jwk: JWK | Record<string, unknown>): { kty: "OKP"; crv: "Ed25519"; x: string } {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new Error("not an Ed25519 public key");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x };
}

/** The RFC 7638 thumbprint (SHA-256, base64url): the key id, and what coordinators compare by phone. */
export function thumbprint(jwk: JWK | Record<string, unknown>): Promise<string> {
  return calculateJwkThumbprint(publicMembers(jwk), "sha256");
}

async function newKey() {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const pub = publicMembers(await exportJWK(publicKey));
  const priv = (await exportJWK(privateKey)) as Record<string, string>;
  return { kid: await thumbprint(pub), publicJwk: pub as Record<string, string>, privateJwk: priv };
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

/** The current signing key, made (once, across app servers: an advisory lock) if there is none. */
export async function signingKey(db: Db): Promise<SigningKey> {
  let row = await activeKey(db);
  if (!row) {
    row = await db.transaction(async (tx) => {
      await lockKeys(tx);
      const existing = await activeKey(tx);
      if (existing) return existing;
      const k = await newKey();
      await insertKey(tx, { ...k, previousKid: null, rotation: null });
      return (await activeKey(tx))!;
    });
  }
  return { kid: row.kid, key: (await importJWK(row.privateJwk, ALG)) as CryptoKey };
}

/** The published JWKS: every key, newest last; private members never leave. */
export async function jwks(db: Db) {
  await signingKey(db); // a fresh instance publishes its key before its first page
  const rows = await allKeys(db);
  return { keys: rows.map((r) => ({ ...publicMembers(r.publicJwk), kid: r.kid, alg: ALG, use: "sig" })) };
}

/** The rotation announcements, oldest first: each a compact JWS by the previous key. */
export async function rotations(db: DbOrTx): Promise<string[]> {
  return (await allKeys(db)).flatMap((r) => (r.rotation ? [r.rotation] : []));
}

/** Makes a new signing key, announced under the current one; the old one stays in the JWKS, retired. */
export async function rotateKey(db: Db, issuer: string): Promise<{ kid: string; previousKid: string }> {
  const current = await signingKey(db);
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    const active = await activeKey(tx);
    if (!active || active.kid !== current.kid) throw new Error("key changed during rotation");
    const k = await newKey();
    const payload = { iss: issuer, previous_kid: active.kid, kid: k.kid, jwk: k.publicJwk, iat: Math.floor(Date.now() / 1000) };
    const rotation = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: ALG, kid: active.kid, typ: ROTATION_TYP })
      .sign(current.key);
    await insertKey(tx, { ...k, previousKid: active.kid, rotation });
    return { kid: k.kid, previousKid: active.kid };
  });
}
