-- "Latest assessment per olla and category" is asked everywhere (map points, open-data
-- exports, an olla's profile, the dashboard) as ORDER BY assessed_on DESC, id DESC — which
-- means NULLS FIRST. assessments_olla_category_idx was generated as DESC NULLS LAST (what
-- drizzle's index .desc() emits), so PostgreSQL can never read that order from it and sorts
-- every olla's history instead. This index has the order the queries ask for and carries
-- the level, so DISTINCT ON (olla_id, category) is one ordered index-only scan: at 10,000
-- ollas the whole-city latest levels took ~530 ms with the old index and ~50 ms with this
-- one; the per-olla LATERAL form ~300 ms → ~80 ms (BENCHMARKS.md).
CREATE INDEX "assessments_latest_idx" ON "assessments" USING btree ("olla_id", "category", "assessed_on" DESC, "id" DESC) INCLUDE ("level");
