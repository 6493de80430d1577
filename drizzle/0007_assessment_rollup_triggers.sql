-- Keeps assessment_rollup (see src/server/db/schema/dashboard.ts) equal to the assessment
-- history, in the database, for every writer. Events of one (olla, category) chain ordered
-- by (assessed_on, id): +1 at each assessment's level and -1 at the level it replaces, in
-- the month it is dated. A change applies (events after) - (events before) of the chains it
-- touches, under the olla's current zone and district; closed ollas are not counted.
CREATE FUNCTION assessment_rollup_apply(p_new assessments[], p_old assessments[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time (assessments are a few per olla per month): under READ COMMITTED the
  -- next statement takes a fresh snapshot, so it sees every chain change committed before it.
  LOCK TABLE assessment_rollup IN SHARE ROW EXCLUSIVE MODE;
  WITH changed AS (
    SELECT n.olla_id, n.category FROM unnest(p_new) n
    UNION SELECT o.olla_id, o.category FROM unnest(p_old) o
  ),
  after_rows AS (
    -- LATERAL: one index range per changed chain (a single assessment reads a handful of rows).
    SELECT a.olla_id, a.category, a.level, a.assessed_on, a.id
    FROM changed c CROSS JOIN LATERAL (
      SELECT x.olla_id, x.category, x.level, x.assessed_on, x.id FROM assessments x
      WHERE x.olla_id = c.olla_id AND x.category = c.category
    ) a
  ),
  before_rows AS (
    SELECT r.* FROM after_rows r WHERE NOT EXISTS (SELECT 1 FROM unnest(p_new) n WHERE n.id = r.id)
    UNION ALL SELECT o.olla_id, o.category, o.level, o.assessed_on, o.id FROM unnest(p_old) o
  ),
  ev AS (
    SELECT olla_id, category, date_trunc('month', assessed_on)::date AS month, level,
      lag(level) OVER (PARTITION BY olla_id, category ORDER BY assessed_on, id) AS prev, 1 AS sign
    FROM after_rows
    UNION ALL
    SELECT olla_id, category, date_trunc('month', assessed_on)::date, level,
      lag(level) OVER (PARTITION BY olla_id, category ORDER BY assessed_on, id), -1
    FROM before_rows
  ),
  d AS (
    SELECT olla_id, category, month, level, sign AS delta FROM ev
    UNION ALL SELECT olla_id, category, month, prev, -sign FROM ev WHERE prev IS NOT NULL
  )
  INSERT INTO assessment_rollup AS r (zone_id, district_ubigeo, category, month, level, delta)
  SELECT o.zone_id, o.district_ubigeo, d.category, d.month, d.level, sum(d.delta)::int
  FROM d JOIN ollas o ON o.id = d.olla_id
  WHERE o.status <> 'closed'
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0
  ON CONFLICT (zone_id, district_ubigeo, category, month, level) DO UPDATE SET delta = r.delta + EXCLUDED.delta;
END $$;
--> statement-breakpoint
CREATE FUNCTION assessment_rollup_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_rollup_apply(ARRAY(SELECT n::assessments FROM new_rows n), '{}'::assessments[]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION assessment_rollup_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_rollup_apply(ARRAY(SELECT n::assessments FROM new_rows n), ARRAY(SELECT o::assessments FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION assessment_rollup_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_rollup_apply('{}'::assessments[], ARRAY(SELECT o::assessments FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessment_rollup_ins AFTER INSERT ON assessments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_rollup_on_insert();
--> statement-breakpoint
CREATE TRIGGER assessment_rollup_upd AFTER UPDATE ON assessments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_rollup_on_update();
--> statement-breakpoint
CREATE TRIGGER assessment_rollup_del AFTER DELETE ON assessments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_rollup_on_delete();
--> statement-breakpoint
-- An olla that moves zone or district, closes or reopens carries its whole history with it.
CREATE FUNCTION assessment_rollup_on_olla_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE assessment_rollup IN SHARE ROW EXCLUSIVE MODE;
  WITH ev AS (
    SELECT a.category, date_trunc('month', a.assessed_on)::date AS month, a.level,
      lag(a.level) OVER (PARTITION BY a.category ORDER BY a.assessed_on, a.id) AS prev
    FROM assessments a WHERE a.olla_id = NEW.id
  ),
  s AS (
    SELECT category, month, level, sum(delta)::int AS delta FROM (
      SELECT category, month, level, 1 AS delta FROM ev
      UNION ALL SELECT category, month, prev, -1 FROM ev WHERE prev IS NOT NULL
    ) x GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
  ),
  moves AS (
    SELECT OLD.zone_id AS zone_id, OLD.district_ubigeo AS district_ubigeo, category, month, level, -delta AS delta
    FROM s WHERE OLD.status <> 'closed'
    UNION ALL
    SELECT NEW.zone_id, NEW.district_ubigeo, category, month, level, delta FROM s WHERE NEW.status <> 'closed'
  )
  INSERT INTO assessment_rollup AS r (zone_id, district_ubigeo, category, month, level, delta)
  SELECT zone_id, district_ubigeo, category, month, level, sum(delta)::int FROM moves
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0
  ON CONFLICT (zone_id, district_ubigeo, category, month, level) DO UPDATE SET delta = r.delta + EXCLUDED.delta;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessment_rollup_olla_upd AFTER UPDATE OF zone_id, district_ubigeo, status ON ollas
  FOR EACH ROW WHEN (OLD.zone_id IS DISTINCT FROM NEW.zone_id OR OLD.district_ubigeo IS DISTINCT FROM NEW.district_ubigeo
    OR (OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed'))
  EXECUTE FUNCTION assessment_rollup_on_olla_change();
--> statement-breakpoint
-- Recomputes the roll-up from the history (repair, or after a bulk load with triggers disabled).
CREATE FUNCTION assessment_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE assessment_rollup IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM assessment_rollup;
  WITH ev AS (
    SELECT a.olla_id, a.category, date_trunc('month', a.assessed_on)::date AS month, a.level,
      lag(a.level) OVER (PARTITION BY a.olla_id, a.category ORDER BY a.assessed_on, a.id) AS prev
    FROM assessments a
  ),
  d AS (
    SELECT olla_id, category, month, level, 1 AS delta FROM ev
    UNION ALL SELECT olla_id, category, month, prev, -1 FROM ev WHERE prev IS NOT NULL
  )
  INSERT INTO assessment_rollup (zone_id, district_ubigeo, category, month, level, delta)
  SELECT o.zone_id, o.district_ubigeo, d.category, d.month, d.level, sum(d.delta)::int
  FROM d JOIN ollas o ON o.id = d.olla_id
  WHERE o.status <> 'closed'
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.delta) <> 0;
END $$;
--> statement-breakpoint
SELECT assessment_rollup_rebuild();
