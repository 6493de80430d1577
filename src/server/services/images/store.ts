import type { DbOrTx } from "~/server/db/client";
import { findImage, insertImages } from "~/server/db/queries/posts";
import type { EncodedImage } from "./pipeline";

/**
 * Where re-encoded images live. The default keeps them in PostgreSQL (table `images`), so app
 * servers stay stateless and a backup of the database holds everything; a deployment that
 * outgrows it implements these two calls over S3-compatible storage. Images are addressed by
 * the SHA-256 of their bytes: `put` of an image that exists is a no-op, and nothing is ever
 * overwritten. Who may read an image is not the store's business (src/server/services/posts.ts).
 */
export interface ImageStore {
  put(images: EncodedImage[]): Promise<void>;
  get(hash: string): Promise<{ mime: string; bytes: Uint8Array } | null>;
}

export function postgresImageStore(db: DbOrTx): ImageStore {
  return {
    put: (imgs) => insertImages(db, imgs.map((i) => ({ hash: i.hash, mime: i.mime, width: i.width, height: i.height, bytes: i.bytes }))),
    get: async (hash) => {
      const r = await findImage(db, hash);
      return r ? { mime: r.mime, bytes: r.bytes } : null;
    },
  };
}
