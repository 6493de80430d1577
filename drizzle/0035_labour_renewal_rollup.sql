CREATE TABLE "labour_renewal_rollup" (
	"olla_id" uuid PRIMARY KEY NOT NULL,
	"first_term" date NOT NULL,
	"renewed" datemultirange NOT NULL
);
--> statement-breakpoint
ALTER TABLE "labour_renewal_rollup" ADD CONSTRAINT "labour_renewal_rollup_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The first day on which a person's first term of a role starting on d is no longer "in the 12
-- months before": the smallest day p with (p - 12 months) >= d. That is d + 12 months, except for
-- 29 February, whose 12 months later is 28 February (and 28 February's 12 months back is the 28th,
-- still before d): then 1 March.
CREATE FUNCTION labour_renewal_until(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ((d + interval '12 months')::date - interval '12 months')::date < d
    THEN (d + interval '12 months')::date + 1 ELSE (d + interval '12 months')::date END
$$;
--> statement-breakpoint
-- Recomputes the rows of these ollas from their terms (all of them when ids is null). Writers of
-- one olla go one at a time (an advisory lock per olla, taken in id order so two statements never
-- wait on each other in a cycle); each statement below then reads every committed term (READ
-- COMMITTED: a fresh snapshot per statement), so the last writer's row counts both writes.
CREATE FUNCTION labour_renewal_rollup_recompute(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL THEN
    DELETE FROM labour_renewal_rollup;
    INSERT INTO labour_renewal_rollup (olla_id, first_term, renewed)
    SELECT f.olla_id, min(f.first_on), range_agg(daterange(f.first_on, labour_renewal_until(f.first_on)))
    FROM (SELECT t.olla_id, min(t.starts_on) AS first_on FROM cargo_terms t GROUP BY t.olla_id, t.cargo_id, t.socia_id) f
    GROUP BY f.olla_id;
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7316, hashtext(s.id::text)) FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) s;
  DELETE FROM labour_renewal_rollup r WHERE r.olla_id IN (SELECT unnest(ids));
  INSERT INTO labour_renewal_rollup (olla_id, first_term, renewed)
  SELECT f.olla_id, min(f.first_on), range_agg(daterange(f.first_on, labour_renewal_until(f.first_on)))
  FROM (SELECT t.olla_id, min(t.starts_on) AS first_on FROM cargo_terms t
        WHERE t.olla_id IN (SELECT unnest(ids)) GROUP BY t.olla_id, t.cargo_id, t.socia_id) f
  GROUP BY f.olla_id ORDER BY f.olla_id;
END $$;
--> statement-breakpoint
CREATE FUNCTION labour_renewal_rollup_on_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.olla_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.olla_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.olla_id) INTO ids FROM (SELECT o.olla_id FROM old_rows o UNION ALL SELECT n.olla_id FROM new_rows n) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM labour_renewal_rollup_recompute(ids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER labour_renewal_rollup_ins AFTER INSERT ON cargo_terms
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_renewal_rollup_on_terms();
--> statement-breakpoint
CREATE TRIGGER labour_renewal_rollup_upd AFTER UPDATE ON cargo_terms
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_renewal_rollup_on_terms();
--> statement-breakpoint
CREATE TRIGGER labour_renewal_rollup_del AFTER DELETE ON cargo_terms
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_renewal_rollup_on_terms();
--> statement-breakpoint
CREATE FUNCTION labour_renewal_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM labour_renewal_rollup;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER labour_renewal_rollup_trunc AFTER TRUNCATE ON cargo_terms
  FOR EACH STATEMENT EXECUTE FUNCTION labour_renewal_rollup_on_truncate();
--> statement-breakpoint
SELECT labour_renewal_rollup_recompute(null);
