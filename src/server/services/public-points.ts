import type { Db } from "~/server/db/client";
import {
  lockPublicPointScheme,
  ollaPointInputs,
  saveSchemeFingerprint,
  storedSchemeFingerprint,
  writePublicPoints,
} from "~/server/db/queries/public-points";
import { publicPoint, schemeFingerprint } from "~/server/domain/public-point";

const PAGE = 2_000;

/**
 * Makes every stored public point follow the current scheme and LOCATION_KEY. Runs at start-up:
 * a no-op (one read) when the stored fingerprint matches, otherwise one transaction that
 * recomputes every olla's point (10,000 ollas: well under a second of HMACs). The advisory lock
 * makes app servers starting together do it once.
 */
export async function ensurePublicPoints(db: Db, key: string): Promise<{ recomputed: boolean; changed: number }> {
  const fingerprint = schemeFingerprint(key);
  if ((await storedSchemeFingerprint(db)) === fingerprint) return { recomputed: false, changed: 0 };
  return db.transaction(async (tx) => {
    await lockPublicPointScheme(tx);
    if ((await storedSchemeFingerprint(tx)) === fingerprint) return { recomputed: false, changed: 0 };
    let changed = 0;
    let after: string | null = null;
    for (;;) {
      const page = await ollaPointInputs(tx, after, PAGE);
      if (page.length === 0) break;
      changed += await writePublicPoints(
        tx,
        page.map((o) => {
          const p = publicPoint({ lat: Number(o.lat), lng: Number(o.lng) }, Number(o.location_seed), o.publish_exact, key);
          return { ...o, public_lat: p.lat, public_lng: p.lng };
        }),
      );
      after = page[page.length - 1]!.id;
    }
    await saveSchemeFingerprint(tx, fingerprint);
    return { recomputed: true, changed };
  });
}
