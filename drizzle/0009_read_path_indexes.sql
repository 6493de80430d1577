-- Read-path indexes found by the city-scale benchmark (npm run bench; BENCHMARKS.md).
--
-- The public map, its export pages and the "urgent needs" filter ask, olla by olla, whether it
-- has an open public need of high or critical urgency. A small partial index answers that
-- from the index alone (≈ 13,000 rows of 200,000 needs at city scale) instead of a bitmap
-- scan of every open public need on each export page.
CREATE INDEX "needs_urgent_public_idx" ON "needs" USING btree ("olla_id")
  WHERE "status" = 'open' AND "visibility" = 'public' AND "urgency" IN ('high', 'critical');--> statement-breakpoint
-- Dependency indicators read the last 90 days of entries (no reversals) of every olla: by
-- day, with the columns they use included, it is an index-only range scan of ≈ 90,000 rows
-- instead of a sequential scan of the whole 2,000,000-row ledger.
CREATE INDEX "stock_movements_entries_by_day_idx" ON "stock_movements" USING btree ("occurred_on")
  INCLUDE ("olla_id", "item_id", "quantity", "source_type", "source_id", "transfer_id", "id")
  WHERE "direction" = 'in' AND "reverses_id" IS NULL;
