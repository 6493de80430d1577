CREATE TABLE "labour_month_rollup" (
	"olla_id" uuid NOT NULL,
	"month" date NOT NULL,
	"shifts" integer NOT NULL,
	"centi_hours" bigint NOT NULL,
	"valued" bigint NOT NULL,
	CONSTRAINT "labour_month_rollup_olla_id_month_pk" PRIMARY KEY("olla_id","month")
);
--> statement-breakpoint
ALTER TABLE "labour_month_rollup" ADD CONSTRAINT "labour_month_rollup_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "labour_month_rollup_month_idx" ON "labour_month_rollup" USING btree ("month");--> statement-breakpoint
CREATE INDEX "cargo_terms_seat_idx" ON "cargo_terms" USING btree ("cargo_id","seat","starts_on");
--> statement-breakpoint
-- The month's sums of a set of shifts (a trigger's transition table or the whole table): the
-- wage of each shift's day, rounded centi-hours, and the month as a plain date (no time zone).
CREATE FUNCTION labour_month_rollup_recompute(since date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM labour_month_rollup WHERE month >= since;
  INSERT INTO labour_month_rollup (olla_id, month, shifts, centi_hours, valued)
  SELECT s.olla_id, date_trunc('month', s.worked_on::timestamp)::date, count(*), sum(round(s.hours * 100)),
    sum(round(s.hours * 100)::bigint * coalesce(w.monthly_cents, 0))
  FROM shifts s
  LEFT JOIN LATERAL (SELECT m.monthly_cents FROM minimum_wages m WHERE m.valid_from <= s.worked_on ORDER BY m.valid_from DESC LIMIT 1) w ON true
  WHERE s.worked_on >= since
  GROUP BY 1, 2;
END $$;
--> statement-breakpoint
-- Recomputes it from the shifts (repair, or after a bulk load with triggers disabled).
CREATE FUNCTION labour_month_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE shifts IN SHARE MODE;
  PERFORM labour_month_rollup_recompute('-infinity');
END $$;
--> statement-breakpoint
-- Each statement on shifts moves its months' sums: the removed rows' out, the added rows' in
-- (rows upserted in key order, so two statements never wait on each other in a cycle); a month
-- left with no shift is removed, so "ollas that logged" stays a count of rows.
CREATE FUNCTION labour_month_rollup_on_shifts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE labour_month_rollup r
    SET shifts = r.shifts - d.shifts, centi_hours = r.centi_hours - d.centi_hours, valued = r.valued - d.valued
    FROM (
      SELECT o.olla_id, date_trunc('month', o.worked_on::timestamp)::date AS month, count(*) AS shifts, sum(round(o.hours * 100)) AS centi_hours,
        sum(round(o.hours * 100)::bigint * coalesce((SELECT m.monthly_cents FROM minimum_wages m WHERE m.valid_from <= o.worked_on ORDER BY m.valid_from DESC LIMIT 1), 0)) AS valued
      FROM old_rows o GROUP BY 1, 2
    ) d
    WHERE r.olla_id = d.olla_id AND r.month = d.month;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO labour_month_rollup AS r (olla_id, month, shifts, centi_hours, valued)
    SELECT n.olla_id, date_trunc('month', n.worked_on::timestamp)::date, count(*), sum(round(n.hours * 100)),
      sum(round(n.hours * 100)::bigint * coalesce((SELECT m.monthly_cents FROM minimum_wages m WHERE m.valid_from <= n.worked_on ORDER BY m.valid_from DESC LIMIT 1), 0))
    FROM new_rows n
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (olla_id, month) DO UPDATE
      SET shifts = r.shifts + EXCLUDED.shifts, centi_hours = r.centi_hours + EXCLUDED.centi_hours, valued = r.valued + EXCLUDED.valued;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM labour_month_rollup r
    USING (SELECT DISTINCT o.olla_id, date_trunc('month', o.worked_on::timestamp)::date AS month FROM old_rows o) d
    WHERE r.olla_id = d.olla_id AND r.month = d.month AND r.shifts = 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER labour_month_rollup_ins AFTER INSERT ON shifts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_month_rollup_on_shifts();
--> statement-breakpoint
CREATE TRIGGER labour_month_rollup_upd AFTER UPDATE ON shifts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_month_rollup_on_shifts();
--> statement-breakpoint
CREATE TRIGGER labour_month_rollup_del AFTER DELETE ON shifts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_month_rollup_on_shifts();
--> statement-breakpoint
CREATE FUNCTION labour_month_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM labour_month_rollup;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER labour_month_rollup_trunc AFTER TRUNCATE ON shifts
  FOR EACH STATEMENT EXECUTE FUNCTION labour_month_rollup_on_truncate();
--> statement-breakpoint
-- A new minimum wage revalues the months from its own on. SHARE on shifts waits for every
-- transaction writing shifts to finish and holds new ones until this one commits, so the
-- recompute (a fresh snapshot, READ COMMITTED) sees every shift, and a shift written after
-- sees the new wage: no shift is valued at a wage that is no longer its day's.
CREATE FUNCTION labour_month_rollup_on_wage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  since date;
BEGIN
  SELECT date_trunc('month', min(valid_from)::timestamp)::date INTO since FROM new_rows;
  LOCK TABLE shifts IN SHARE MODE;
  PERFORM labour_month_rollup_recompute(since);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER labour_month_rollup_wage AFTER INSERT ON minimum_wages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION labour_month_rollup_on_wage();
--> statement-breakpoint
SELECT labour_month_rollup_rebuild();
