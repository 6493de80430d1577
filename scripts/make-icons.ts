/**
 * Draws the install icons from src/app/icon.svg (the one source of the logo): public/icon-192.png,
 * public/icon-512.png, a maskable 512 px (the mark on a full clay square with a safe margin),
 * src/app/apple-icon.png (180 px) and src/app/favicon.ico (32 px PNG inside an ICO).
 * Run `npx tsx scripts/make-icons.ts` after changing the SVG; the outputs are committed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";

const svg = readFileSync("src/app/icon.svg");
const png = (size: number) => sharp(svg, { density: (72 * size) / 48 }).resize(size, size).png({ compressionLevel: 9, palette: true }).toBuffer();

async function maskable(size: number) {
  const inner = Math.round(size * 0.8);
  const mark = await sharp(svg, { density: (72 * inner) / 48 }).resize(inner, inner).png().toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background: "#9a3412" } })
    .composite([{ input: mark, gravity: "center" }])
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}

function ico(png32: Buffer) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(32, 6);
  header.writeUInt8(32, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png32.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png32]);
}

writeFileSync("public/icon-192.png", await png(192));
writeFileSync("public/icon-512.png", await png(512));
writeFileSync("public/icon-maskable-512.png", await maskable(512));
writeFileSync("src/app/apple-icon.png", await png(180));
writeFileSync("src/app/favicon.ico", ico(await png(32)));
console.log("icons written");
