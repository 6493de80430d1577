-- Roll-ups that keep the dashboards' reads small at city scale (see src/server/db/schema/dashboard.ts):
--   dashboard_needs_area      open needs per area, kept by triggers on needs and ollas;
--   dashboard_inflow_window   the last 90 days' entries per olla and source, in kg (dependency),
--                             and dashboard_dependency_olla, its figures per olla;
--   dashboard_cooked_window   the last 28 days' cooking per olla and item (days of stock);
-- the two windows are materialised for one day (dashboard_window_meta.as_of), kept by the
-- ledger's insert trigger during that day, and rebuilt by the first read of the next day.

-- ---------------------------------------------------------------------------------------
-- Open needs per area
CREATE FUNCTION dashboard_needs_apply(p_new needs[], p_old needs[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time: the next statement's snapshot then sees every committed change
  -- of the same ollas (READ COMMITTED), so before/after counts cannot interleave.
  LOCK TABLE dashboard_needs_area IN SHARE ROW EXCLUSIVE MODE;
  WITH affected AS (
    SELECT n.olla_id FROM unnest(p_new) n UNION SELECT o.olla_id FROM unnest(p_old) o
  ),
  after_rows AS (
    SELECT n.id, n.olla_id, n.category, n.urgency::text AS urgency
    FROM affected a CROSS JOIN LATERAL (
      SELECT x.id, x.olla_id, x.category, x.urgency FROM needs x
      WHERE x.olla_id = a.olla_id AND x.status IN ('open', 'in_progress')
    ) n
  ),
  before_rows AS (
    SELECT r.* FROM after_rows r WHERE NOT EXISTS (SELECT 1 FROM unnest(p_new) n WHERE n.id = r.id)
    UNION ALL
    SELECT o.id, o.olla_id, o.category, o.urgency::text FROM unnest(p_old) o WHERE o.status IN ('open', 'in_progress')
  ),
  contrib AS (
    SELECT olla_id, category, urgency, count(*) AS n, 1 AS sign FROM after_rows GROUP BY 1, 2, 3
    UNION ALL SELECT olla_id, category, 'all', count(*), 1 FROM after_rows GROUP BY 1, 2
    UNION ALL SELECT olla_id, category, urgency, count(*), -1 FROM before_rows GROUP BY 1, 2, 3
    UNION ALL SELECT olla_id, category, 'all', count(*), -1 FROM before_rows GROUP BY 1, 2
  )
  INSERT INTO dashboard_needs_area AS a (zone_id, district_ubigeo, category, urgency, needs, ollas)
  SELECT o.zone_id, o.district_ubigeo, c.category, c.urgency, sum(c.sign * c.n)::int, sum(c.sign)::int
  FROM contrib c JOIN ollas o ON o.id = c.olla_id
  WHERE o.status <> 'closed'
  GROUP BY 1, 2, 3, 4
  HAVING sum(c.sign * c.n) <> 0 OR sum(c.sign) <> 0
  ON CONFLICT (zone_id, district_ubigeo, category, urgency)
    DO UPDATE SET needs = a.needs + EXCLUDED.needs, ollas = a.ollas + EXCLUDED.ollas;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_needs_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_needs_apply(ARRAY(SELECT n::needs FROM new_rows n), '{}'::needs[]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_needs_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_needs_apply(ARRAY(SELECT n::needs FROM new_rows n), ARRAY(SELECT o::needs FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_needs_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_needs_apply('{}'::needs[], ARRAY(SELECT o::needs FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_needs_ins AFTER INSERT ON needs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_needs_on_insert();
--> statement-breakpoint
CREATE TRIGGER dashboard_needs_upd AFTER UPDATE ON needs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_needs_on_update();
--> statement-breakpoint
CREATE TRIGGER dashboard_needs_del AFTER DELETE ON needs
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_needs_on_delete();
--> statement-breakpoint
-- An olla that moves zone or district, closes or reopens carries its open needs with it.
CREATE FUNCTION dashboard_needs_on_olla_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE dashboard_needs_area IN SHARE ROW EXCLUSIVE MODE;
  WITH cur AS (
    SELECT category, urgency::text AS urgency FROM needs WHERE olla_id = NEW.id AND status IN ('open', 'in_progress')
  ),
  c AS (
    SELECT category, urgency, count(*) AS n FROM cur GROUP BY 1, 2
    UNION ALL SELECT category, 'all', count(*) FROM cur GROUP BY 1
  ),
  moves AS (
    SELECT OLD.zone_id AS zone_id, OLD.district_ubigeo AS district_ubigeo, category, urgency, -n AS dn, -1 AS dollas
    FROM c WHERE OLD.status <> 'closed'
    UNION ALL
    SELECT NEW.zone_id, NEW.district_ubigeo, category, urgency, n, 1 FROM c WHERE NEW.status <> 'closed'
  )
  INSERT INTO dashboard_needs_area AS a (zone_id, district_ubigeo, category, urgency, needs, ollas)
  SELECT zone_id, district_ubigeo, category, urgency, sum(dn)::int, sum(dollas)::int FROM moves
  GROUP BY 1, 2, 3, 4 HAVING sum(dn) <> 0 OR sum(dollas) <> 0
  ON CONFLICT (zone_id, district_ubigeo, category, urgency)
    DO UPDATE SET needs = a.needs + EXCLUDED.needs, ollas = a.ollas + EXCLUDED.ollas;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_needs_olla_upd AFTER UPDATE OF zone_id, district_ubigeo, status ON ollas
  FOR EACH ROW WHEN (OLD.zone_id IS DISTINCT FROM NEW.zone_id OR OLD.district_ubigeo IS DISTINCT FROM NEW.district_ubigeo
    OR (OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed'))
  EXECUTE FUNCTION dashboard_needs_on_olla_change();
--> statement-breakpoint
CREATE FUNCTION dashboard_needs_area_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE dashboard_needs_area IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM dashboard_needs_area;
  WITH open_needs AS (
    SELECT n.olla_id, n.category, n.urgency::text AS urgency FROM needs n WHERE n.status IN ('open', 'in_progress')
  ),
  per_olla AS (
    SELECT olla_id, category, urgency, count(*) AS n FROM open_needs GROUP BY 1, 2, 3
    UNION ALL SELECT olla_id, category, 'all', count(*) FROM open_needs GROUP BY 1, 2
  )
  INSERT INTO dashboard_needs_area (zone_id, district_ubigeo, category, urgency, needs, ollas)
  SELECT o.zone_id, o.district_ubigeo, p.category, p.urgency, sum(p.n)::int, count(*)::int
  FROM per_olla p JOIN ollas o ON o.id = p.olla_id
  WHERE o.status <> 'closed'
  GROUP BY 1, 2, 3, 4;
END $$;
--> statement-breakpoint
SELECT dashboard_needs_area_rebuild();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------
-- Sliding windows of the ledger
CREATE FUNCTION dashboard_inflow_kind(p_transfer uuid, p_source_type stock_source_type) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN p_transfer IS NOT NULL THEN 3
               WHEN p_source_type IN ('purchase', 'member_contribution') THEN 0
               WHEN p_source_type = 'individual_donation' THEN 2
               ELSE 1 END)::smallint
$$;
--> statement-breakpoint
-- Per olla figures of the inflow window (dashboard_dependency_olla), for the given ollas.
CREATE FUNCTION dashboard_dependency_olla_refresh(p_ollas uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_dependency_olla d
  WHERE d.olla_id = ANY (p_ollas) AND NOT EXISTS (SELECT 1 FROM dashboard_inflow_window w WHERE w.olla_id = d.olla_id);
  INSERT INTO dashboard_dependency_olla AS d (olla_id, total, institutional, own, top_source, top_share, hhi)
  SELECT w.olla_id, sum(w.kg)::float8,
    coalesce(sum(w.kg) FILTER (WHERE w.kind = 1), 0)::float8,
    coalesce(sum(w.kg) FILTER (WHERE w.kind = 0), 0)::float8,
    (array_agg(w.source_key ORDER BY w.kg DESC, w.source_key) FILTER (WHERE w.kind = 1))[1],
    (coalesce(max(w.kg) FILTER (WHERE w.kind = 1), 0) / sum(w.kg))::float8,
    (coalesce(sum(w.kg * w.kg) FILTER (WHERE w.kind = 1), 0) / (sum(w.kg) * sum(w.kg)))::float8
  FROM dashboard_inflow_window w
  WHERE w.olla_id = ANY (p_ollas)
  GROUP BY w.olla_id
  ORDER BY w.olla_id
  ON CONFLICT (olla_id) DO UPDATE SET total = EXCLUDED.total, institutional = EXCLUDED.institutional, own = EXCLUDED.own,
    top_source = EXCLUDED.top_source, top_share = EXCLUDED.top_share, hhi = EXCLUDED.hhi;
END $$;
--> statement-breakpoint
-- Rebuilds both windows for the day p_day. Ledger inserts hold the advisory lock 4242007 in
-- shared mode (before touching any roll-up row) until they commit; a rebuild takes it
-- exclusively, so it waits for them, they wait for it, and neither sees half of the other.
CREATE FUNCTION dashboard_windows_rebuild(p_day date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4242007);
  INSERT INTO dashboard_window_meta (id, as_of) VALUES (1, p_day)
    ON CONFLICT (id) DO UPDATE SET as_of = EXCLUDED.as_of;
  DELETE FROM dashboard_inflow_window;
  INSERT INTO dashboard_inflow_window (olla_id, kind, source_key, kg)
  SELECT m.olla_id, dashboard_inflow_kind(m.transfer_id, m.source_type),
    coalesce(m.source_id, '00000000-0000-0000-0000-000000000000'::uuid), sum(m.quantity * i.kg_per_unit)
  FROM stock_movements m JOIN stock_items i ON i.id = m.item_id
  WHERE m.direction = 'in' AND m.reverses_id IS NULL AND i.kg_per_unit IS NOT NULL
    AND m.occurred_on > p_day - 90 AND m.occurred_on <= p_day
    AND m.id NOT IN (SELECT r.reverses_id FROM stock_movements r WHERE r.reverses_id IS NOT NULL)
  GROUP BY 1, 2, 3
  HAVING sum(m.quantity * i.kg_per_unit) <> 0;
  DELETE FROM dashboard_dependency_olla;
  INSERT INTO dashboard_dependency_olla (olla_id, total, institutional, own, top_source, top_share, hhi)
  SELECT w.olla_id, sum(w.kg)::float8,
    coalesce(sum(w.kg) FILTER (WHERE w.kind = 1), 0)::float8,
    coalesce(sum(w.kg) FILTER (WHERE w.kind = 0), 0)::float8,
    (array_agg(w.source_key ORDER BY w.kg DESC, w.source_key) FILTER (WHERE w.kind = 1))[1],
    (coalesce(max(w.kg) FILTER (WHERE w.kind = 1), 0) / sum(w.kg))::float8,
    (coalesce(sum(w.kg * w.kg) FILTER (WHERE w.kind = 1), 0) / (sum(w.kg) * sum(w.kg)))::float8
  FROM dashboard_inflow_window w
  GROUP BY w.olla_id;
  DELETE FROM dashboard_cooked_window;
  INSERT INTO dashboard_cooked_window (olla_id, item_id, quantity)
  SELECT m.olla_id, m.item_id, sum(m.quantity)
  FROM stock_movements m
  WHERE m.exit_reason = 'cooked' AND m.occurred_on > p_day - 28 AND m.occurred_on <= p_day
    AND m.id NOT IN (SELECT r.reverses_id FROM stock_movements r WHERE r.reverses_id IS NOT NULL)
  GROUP BY 1, 2;
END $$;
--> statement-breakpoint
-- Called by readers with their "today": rebuilds when the windows are of an earlier day
-- (once a day, by whichever app server reads first); never moves them back in time.
CREATE FUNCTION dashboard_windows_refresh(p_today date) RETURNS date LANGUAGE plpgsql AS $$
DECLARE cur date;
BEGIN
  SELECT as_of INTO cur FROM dashboard_window_meta WHERE id = 1;
  IF cur IS NOT NULL AND cur >= p_today THEN RETURN cur; END IF;
  PERFORM pg_advisory_xact_lock(4242007);
  -- Another server may have rebuilt while we waited: look again.
  SELECT as_of INTO cur FROM dashboard_window_meta WHERE id = 1;
  IF cur IS NOT NULL AND cur >= p_today THEN RETURN cur; END IF;
  PERFORM dashboard_windows_rebuild(p_today);
  RETURN p_today;
END $$;
--> statement-breakpoint
-- The ledger's insert trigger now also adds to the windows of their day: entries (inflow)
-- and cooked exits dated inside them, and takes back what a reversal undoes.
CREATE OR REPLACE FUNCTION dashboard_stock_balance_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(4242007);
  SELECT as_of INTO d FROM dashboard_window_meta WHERE id = 1;
  INSERT INTO dashboard_stock_balance AS b (olla_id, item_id, balance)
  SELECT n.olla_id, n.item_id, sum(CASE WHEN n.direction = 'in' THEN n.quantity ELSE -n.quantity END)
  FROM new_rows n
  GROUP BY n.olla_id, n.item_id
  ORDER BY n.olla_id, n.item_id
  ON CONFLICT (olla_id, item_id) DO UPDATE SET balance = b.balance + EXCLUDED.balance;
  IF d IS NULL THEN
    RETURN NULL;
  END IF;
  WITH eff AS (
    SELECT n.olla_id, n.item_id, n.direction, n.quantity, n.occurred_on, n.exit_reason, 1 AS sign
    FROM new_rows n WHERE n.reverses_id IS NULL
    UNION ALL
    SELECT o.olla_id, o.item_id, o.direction, o.quantity, o.occurred_on, o.exit_reason, -1
    FROM new_rows n JOIN stock_movements o ON o.id = n.reverses_id
  )
  INSERT INTO dashboard_cooked_window AS c (olla_id, item_id, quantity)
  SELECT olla_id, item_id, sum(sign * quantity) FROM eff
  WHERE direction = 'out' AND exit_reason = 'cooked' AND occurred_on > d - 28 AND occurred_on <= d
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (olla_id, item_id) DO UPDATE SET quantity = c.quantity + EXCLUDED.quantity;
  WITH eff AS (
    SELECT n.olla_id, n.item_id, n.direction, n.quantity, n.occurred_on, n.source_type, n.source_id, n.transfer_id, 1 AS sign
    FROM new_rows n WHERE n.reverses_id IS NULL
    UNION ALL
    SELECT o.olla_id, o.item_id, o.direction, o.quantity, o.occurred_on, o.source_type, o.source_id, o.transfer_id, -1
    FROM new_rows n JOIN stock_movements o ON o.id = n.reverses_id
  )
  INSERT INTO dashboard_inflow_window AS w (olla_id, kind, source_key, kg)
  SELECT e.olla_id, dashboard_inflow_kind(e.transfer_id, e.source_type),
    coalesce(e.source_id, '00000000-0000-0000-0000-000000000000'::uuid), sum(e.sign * e.quantity * i.kg_per_unit)
  FROM eff e JOIN stock_items i ON i.id = e.item_id
  WHERE e.direction = 'in' AND i.kg_per_unit IS NOT NULL AND e.occurred_on > d - 90 AND e.occurred_on <= d
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (olla_id, kind, source_key) DO UPDATE SET kg = w.kg + EXCLUDED.kg;
  -- A reversed entry leaves exactly zero (numeric): no olla measured on nothing.
  DELETE FROM dashboard_inflow_window w
  WHERE w.kg = 0 AND w.olla_id IN (SELECT n.olla_id FROM new_rows n);
  PERFORM dashboard_dependency_olla_refresh(
    ARRAY(SELECT DISTINCT n.olla_id FROM new_rows n WHERE n.direction = 'in' OR n.reverses_id IS NOT NULL));
  RETURN NULL;
END $$;
--> statement-breakpoint
SELECT dashboard_windows_rebuild((now() AT TIME ZONE 'America/Lima')::date);
