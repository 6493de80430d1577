import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { DISPLAY_EDGE, MAX_INPUT_PIXELS, MIME_OF, sniffImageType, THUMB_EDGE, THUMB_MAX_BYTES } from "~/server/domain/image-type";
import { badInput } from "~/server/errors";
import { MAX_PHOTO_BYTES } from "~/shared/posts";
import { createLimiter } from "./limit";

// One libvips thread per job and no operation cache: the limiter below decides how much of the
// two cores image work may take (IMAGE_JOBS jobs at once), and nothing stays in memory after.
sharp.concurrency(1);
sharp.cache(false);

const limiter = createLimiter(Math.max(1, Number(process.env.IMAGE_JOBS ?? 2) || 2), 16);

export interface EncodedImage {
  hash: string;
  mime: "image/jpeg" | "image/png" | "image/webp";
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface ProcessedPhoto {
  /** SHA-256 of what was uploaded: what the idempotency hash covers. */
  sourceHash: string;
  sourceType: "jpeg" | "png" | "webp";
  thumb: EncodedImage;
  display: EncodedImage;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const refuse = (key: string, params?: Record<string, string | number>) => badInput("photos", key, params);

function encoded(mime: EncodedImage["mime"], out: { data: Buffer; info: OutputInfo }): EncodedImage {
  const bytes = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
  return { hash: sha256(bytes), mime, width: out.info.width, height: out.info.height, bytes };
}

/**
 * Decodes an uploaded photo and re-encodes it, always: a display size (≤ 1024 px, in the format
 * the file really is) and a WebP thumbnail (≤ 320 px, ≤ 30 KB). Turned upright from its EXIF
 * orientation, then written with no metadata at all (sharp keeps none unless told: EXIF GPS
 * would give away where the olla is). The type is read from the content; the name and header
 * the phone sent are ignored. Refused, before anything is written: not JPEG/PNG/WebP (HEIC
 * with a message saying what to do), over 8 MB, over 50 megapixels, or not decodable to the end.
 */
export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
  if (input.byteLength === 0) throw refuse("posts.errors.emptyPhoto");
  if (input.byteLength > MAX_PHOTO_BYTES) throw refuse("posts.errors.photoTooLarge", { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  const type = sniffImageType(input);
  if (type === "heic") throw refuse("posts.errors.heic");
  if (type === "unknown") throw refuse("posts.errors.notAPhoto");
  return limiter.run(async () => {
    const opts = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "warning" as const };
    let meta: Metadata;
    try {
      // The header alone (no pixels decoded): the size check below gives the clearer refusal.
      meta = await sharp(input, { ...opts, limitInputPixels: false }).metadata();
    } catch {
      throw refuse("posts.errors.unreadablePhoto");
    }
    if (meta.format !== type) throw refuse("posts.errors.notAPhoto");
    if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) throw refuse("posts.errors.tooManyPixels", { mp: MAX_INPUT_PIXELS / 1_000_000 });
    try {
      const upright = sharp(input, opts).autoOrient().resize(DISPLAY_EDGE, DISPLAY_EDGE, { fit: "inside", withoutEnlargement: true });
      const displayOut =
        type === "jpeg"
          ? await upright.jpeg({ quality: 80, mozjpeg: true }).toBuffer({ resolveWithObject: true })
          : type === "png"
            ? await upright.png({ compressionLevel: 9, palette: true, quality: 90 }).toBuffer({ resolveWithObject: true })
            : await upright.webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
      const display = encoded(MIME_OF[type], displayOut);
      let thumb: EncodedImage | null = null;
      for (const quality of [62, 50, 40, 30, 20]) {
        const out = await sharp(displayOut.data).resize(THUMB_EDGE, THUMB_EDGE, { fit: "inside", withoutEnlargement: true }).webp({ quality }).toBuffer({ resolveWithObject: true });
        thumb = encoded("image/webp", out);
        if (thumb.bytes.byteLength <= THUMB_MAX_BYTES) break;
      }
      return { sourceHash: sha256(input), sourceType: type, thumb: thumb!, display };
    } catch {
      // A file that starts well and breaks later (a truncated upload) fails while decoding.
      throw refuse("posts.errors.unreadablePhoto");
    }
  });
}

/** Every photo of one post, checked and re-encoded before anything is written: one bad file refuses the post. */
export async function processPhotos(inputs: Uint8Array[]): Promise<ProcessedPhoto[]> {
  const out: ProcessedPhoto[] = [];
  for (const i of inputs) out.push(await processPhoto(i));
  return out;
}
