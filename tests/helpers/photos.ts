import sharp from "sharp";

/**
 * Photos made on the fly for tests and the demo (no network, no committed binaries): a noisy
 * gradient so encoders cannot shrink it to nothing, like a real camera picture.
 */
export async function cameraJpeg(opts: { width?: number; height?: number; gps?: boolean; orientation?: number; quality?: number; seed?: number } = {}): Promise<Buffer> {
  const width = opts.width ?? 1600;
  const height = opts.height ?? 1200;
  const seed = opts.seed ?? 1;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = ((x * 7919 + y * 104729 + seed * 31) % 97) - 48;
      raw[i] = Math.max(0, Math.min(255, ((x * 255) / width + n) | 0));
      raw[i + 1] = Math.max(0, Math.min(255, ((y * 255) / height + n) | 0));
      raw[i + 2] = Math.max(0, Math.min(255, (128 + seed * 40 + n) % 256));
    }
  let img = sharp(raw, { raw: { width, height, channels: 3 } });
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  const exif = { IFD0: { Make: "CANARYCAM", Model: "Moto G" } } as Record<string, Record<string, string>>;
  if (opts.gps !== false) exif.IFD3 = { GPSLatitudeRef: "S", GPSLatitude: "12/1 1/1 3/1", GPSLongitudeRef: "W", GPSLongitude: "77/1 0/1 15/1" };
  img = img.withExifMerge(exif);
  return img.jpeg({ quality: opts.quality ?? 90 }).toBuffer();
}

export async function pngPhoto(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#f4a300"/></svg>`) }])
    .png()
    .toBuffer();
}

/** Whether an EXIF block carries a GPS directory (tag 0x8825 in either byte order). */
export function hasGpsTag(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

/**
 * A decompression bomb: a valid PNG of `width` × `height` white pixels, compressed to a few
 * hundred KB (rows of zeros deflate ~1000:1). Written row by row through zlib, in well under a
 * second, instead of asking an image library to allocate the 1.2 GB it describes.
 */
export async function bombPng(width: number, height: number): Promise<Buffer> {
  const { deflateSync, crc32 } = await import("node:zlib");
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth 1
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff);
  row[0] = 0;
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}
