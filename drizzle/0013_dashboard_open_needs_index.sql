-- The dashboards count open needs per olla, category and urgency (then per area). In this
-- index's order that is an index-only scan with a streaming GROUP BY of the ~60,000 open
-- needs, instead of a bitmap heap visit of their pages and a sort, at city scale.
CREATE INDEX "needs_open_by_olla_idx" ON "needs" USING btree ("olla_id", "category", "urgency")
  WHERE "status" IN ('open', 'in_progress');
