import { CLIENT_PHOTO_EDGE } from "~/shared/posts";

/**
 * Downscales a photo on the phone before it travels: the long side to ~1280 px, JPEG 0.82, turned
 * upright (a 4 MB camera photo becomes ~200 KB). The canvas keeps no metadata. A photo the browser
 * cannot decode (HEIC on many Android browsers) is sent as it is: the server says what to do.
 */
export async function downscale(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, CLIENT_PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.82));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}
