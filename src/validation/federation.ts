import { z } from "zod";
import { zId, zUbigeo } from "./common";

/** A peer's base URL as the coordinator types it (checked further, and resolved, by the use case). */
const zPeerUrl = z.string().trim().min(8, { error: "federation.errors.url.invalid" }).max(300, { error: "federation.errors.url.invalid" });

export const ZPreviewPeerInput = z.object({ url: zPeerUrl }).strict();

/** The thumbprint she compared by phone with the peer's coordinator (RFC 7638, base64url SHA-256). */
export const ZAddPeerInput = z
  .object({
    url: zPeerUrl,
    thumbprint: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{43}$/, { error: "federation.errors.thumbprint" }),
  })
  .strict();

export const ZPeerInput = z.object({ peerId: zId }).strict();
export const ZPausePeerInput = z.object({ peerId: zId, paused: z.boolean() }).strict();

export const ZPeerOllasInput = z.object({ districtUbigeo: zUbigeo.optional() }).strict();

/** A peer olla's id on the map: "peer:<peer id>:<the peer's own olla id>". */
export const ZPeerMapOllaInput = z.object({ id: z.string().regex(/^peer:[0-9a-f-]{36}:[0-9a-f-]{36}$/) }).strict();
