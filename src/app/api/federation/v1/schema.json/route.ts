import { feedJsonSchema } from "~/server/domain/federation-feed";

/** Federation: the published JSON Schema of a feed page's payload. */
export function GET() {
  return Response.json(feedJsonSchema(), { headers: { "cache-control": "public, max-age=3600" } });
}
