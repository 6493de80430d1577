/**
 * Federation identity on a fresh instance: the first requests after start arrive together (the
 * JWKS, the keys document, a feed page, the coordinator's page), and every one of them must
 * meet the same single key. Two keys made at first start would show a coordinator one
 * thumbprint and sign with another (the peer's pin would then never verify a page).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { federationKeys } from "~/server/db/schema";
import { jwks, signingKey } from "~/server/services/federation/keys";
import { feedResponse } from "~/server/services/federation/publish";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

describe("federation signing key at first start", () => {
  it("is made once however many first requests race for it, and the JWKS lists the key that signs", async () => {
    expect(await t.db.select().from(federationKeys)).toHaveLength(0);
    const [keysDocs, signers, pages] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => jwks(t.db))),
      Promise.all(Array.from({ length: 6 }, () => signingKey(t.db))),
      Promise.all(Array.from({ length: 3 }, () => feedResponse(new Request("https://a.example/api/federation/v1/feed?since=0"), t.db))),
    ]);
    const rows = await t.db.select().from(federationKeys);
    expect(rows).toHaveLength(1);
    const kid = rows[0]!.kid;
    for (const d of keysDocs) expect(d.keys.map((k) => k.kid)).toEqual([kid]);
    for (const s of signers) expect(s.kid).toBe(kid);
    for (const p of pages) {
      const jws = JSON.parse(await p.text()) as { protected: string };
      expect((JSON.parse(Buffer.from(jws.protected, "base64url").toString("utf8")) as { kid: string }).kid).toBe(kid);
    }
  });
});
