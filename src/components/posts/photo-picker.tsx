"use client";
import { Camera, ImagePlus, X } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { MAX_POST_PHOTOS } from "~/shared/posts";

export type PickedPhoto = { blob: Blob; url: string };

/** Up to 4 photos, each downscaled on the phone (~1280 px) as it is picked, with a preview URL. */
export function usePickedPhotos() {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  async function add(files: FileList | null) {
    if (!files) return;
    const chosen = Array.from(files).slice(0, Math.max(0, MAX_POST_PHOTOS - photos.length));
    // The downscaler loads when she first picks a photo: not part of the page's first-load JS
    // (her pages' budget). Without it (its code could not arrive) the photo goes as it is.
    const shrink = await import("./downscale").then((m) => m.downscale, () => async (f: File): Promise<Blob> => f);
    const made = await Promise.all(chosen.map(async (f) => ({ blob: await shrink(f), url: "" })));
    setPhotos((p) => [...p, ...made.map((m) => ({ ...m, url: URL.createObjectURL(m.blob) }))].slice(0, MAX_POST_PHOTOS));
  }
  function remove(i: number) {
    setPhotos((p) => {
      URL.revokeObjectURL(p[i]!.url);
      return p.filter((_, j) => j !== i);
    });
  }
  function clear() {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
  }
  /** The photos of a post kept in her outbox (already downscaled), to fix and send it again. */
  function restore(blobs: Blob[]) {
    setPhotos(blobs.slice(0, MAX_POST_PHOTOS).map((blob) => ({ blob, url: URL.createObjectURL(blob) })));
  }
  return { photos, add, remove, clear, restore };
}

/**
 * The photo picker of the post composer and the workshop form: a camera button (when
 * `labels.camera` is given) and a gallery button over hidden file inputs, then the picked
 * photos with a 44 px remove button each.
 */
export function PhotoPicker({
  picked,
  disabled = false,
  onPicked,
  labels,
  testIds,
}: {
  picked: ReturnType<typeof usePickedPhotos>;
  disabled?: boolean;
  onPicked?: () => void;
  labels: { camera?: string; gallery: string; list?: string; remove: (n: number) => string; alt?: (n: number) => string };
  testIds: { input: string; list: string };
}) {
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const full = picked.photos.length >= MAX_POST_PHOTOS;
  const onChange = (e: React.ChangeEvent<HTMLInputElement>) =>
    void picked.add(e.target.files).then(() => {
      e.target.value = "";
      onPicked?.();
    });
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {labels.camera && <input ref={camera} type="file" accept="image/*" capture="environment" className="sr-only" tabIndex={-1} aria-hidden="true" onChange={onChange} />}
        <input ref={gallery} type="file" accept="image/jpeg,image/png,image/webp,image/*" multiple className="sr-only" tabIndex={-1} aria-hidden="true" data-testid={testIds.input} onChange={onChange} />
        {labels.camera && (
          <Button variant="secondary" icon={<Camera aria-hidden="true" size={18} />} onClick={() => camera.current?.click()} disabled={disabled || full}>
            {labels.camera}
          </Button>
        )}
        <Button variant="secondary" icon={<ImagePlus aria-hidden="true" size={18} />} onClick={() => gallery.current?.click()} disabled={disabled || full}>
          {labels.gallery}
        </Button>
      </div>
      {picked.photos.length > 0 && (
        <ul className="grid grid-cols-4 gap-2" aria-label={labels.list} data-testid={testIds.list}>
          {picked.photos.map((p, i) => (
            <li key={p.url} className="relative">
              <img src={p.url} alt={labels.alt?.(i + 1) ?? ""} className="aspect-square w-full rounded object-cover" />
              <button type="button" onClick={() => picked.remove(i)} disabled={disabled} className="absolute right-0 top-0 flex size-tap items-center justify-center rounded bg-white/90" aria-label={labels.remove(i + 1)}>
                <X aria-hidden="true" size={18} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
