/**
 * What an uploaded file is, by its first bytes (never by its name or the Content-Type the
 * phone sent). JPEG, PNG and WebP are the photo formats we accept; HEIC/HEIF (iPhones' default)
 * is named so the refusal can say what to do; anything else is "unknown".
 */
export type ImageType = "jpeg" | "png" | "webp" | "heic" | "unknown";

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

export function sniffImageType(b: Uint8Array): ImageType {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === "PNG" && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "png";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "webp";
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp" && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(ascii(b, 8, 4))) return "heic";
  return "unknown";
}

export const MIME_OF = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
export const EXT_OF_MIME: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Thumbnails: at most this many pixels on the long side and this many bytes. */
export const THUMB_EDGE = 320;
export const THUMB_MAX_BYTES = 30 * 1024;
/** The size a post shows when tapped. */
export const DISPLAY_EDGE = 1024;
/** Decoded pixels we accept (a 48 MP camera is ~48 M): a 20,000 × 20,000 bomb is refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000;

/** A content-addressed image's file name in its URL: `<sha256>.<ext>`. */
export function imageFileName(hash: string, mime: string): string {
  return `${hash}.${EXT_OF_MIME[mime] ?? "bin"}`;
}

/** Parses `<sha256>.<ext>` back; null for anything else (answered 404). */
export function parseImageFileName(name: string): { hash: string; ext: string } | null {
  const m = /^([0-9a-f]{64})\.(jpg|png|webp)$/.exec(name);
  return m ? { hash: m[1]!, ext: m[2]! } : null;
}
