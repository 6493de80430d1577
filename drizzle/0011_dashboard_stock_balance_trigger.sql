-- Keeps dashboard_stock_balance (see src/server/db/schema/dashboard.ts) equal to the sum of
-- the append-only ledger: each INSERT statement adds its rows' signed quantities. Rows are
-- upserted in key order so two multi-row statements never wait on each other in a cycle.
CREATE FUNCTION dashboard_stock_balance_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_stock_balance AS b (olla_id, item_id, balance)
  SELECT n.olla_id, n.item_id, sum(CASE WHEN n.direction = 'in' THEN n.quantity ELSE -n.quantity END)
  FROM new_rows n
  GROUP BY n.olla_id, n.item_id
  ORDER BY n.olla_id, n.item_id
  ON CONFLICT (olla_id, item_id) DO UPDATE SET balance = b.balance + EXCLUDED.balance;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_stock_balance_ins AFTER INSERT ON stock_movements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_stock_balance_on_insert();
--> statement-breakpoint
-- Recomputes the balances from the ledger (repair, or after a bulk load with triggers disabled).
CREATE FUNCTION dashboard_stock_balance_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE dashboard_stock_balance IN EXCLUSIVE MODE;
  DELETE FROM dashboard_stock_balance;
  INSERT INTO dashboard_stock_balance (olla_id, item_id, balance)
  SELECT olla_id, item_id, sum(CASE WHEN direction = 'in' THEN quantity ELSE -quantity END)
  FROM stock_movements GROUP BY olla_id, item_id;
END $$;
--> statement-breakpoint
SELECT dashboard_stock_balance_rebuild();
--> statement-breakpoint
-- Stock health reads the last 28 days of cooking of each staple (days of stock = balance ÷
-- recent consumption): by item and day, with what it sums included, that is an index-only
-- range of a few tens of thousands of rows instead of the whole 2,000,000-row ledger.
CREATE INDEX "stock_movements_cooked_by_item_day_idx" ON "stock_movements" USING btree ("item_id", "occurred_on")
  INCLUDE ("olla_id", "quantity", "id") WHERE "exit_reason" = 'cooked';
