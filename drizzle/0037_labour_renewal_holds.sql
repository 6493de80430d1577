CREATE TABLE "labour_renewal_holds" (
	"olla_id" uuid NOT NULL,
	"cargo_id" uuid NOT NULL,
	"held_from" date NOT NULL,
	"held_to" date NOT NULL,
	"since" date NOT NULL,
	CONSTRAINT "labour_renewal_holds_olla_id_cargo_id_held_from_pk" PRIMARY KEY("olla_id","cargo_id","held_from")
);
--> statement-breakpoint
CREATE TABLE "labour_renewal_spans" (
	"olla_id" uuid NOT NULL,
	"renewed_from" date NOT NULL,
	"renewed_to" date NOT NULL,
	CONSTRAINT "labour_renewal_spans_olla_id_renewed_from_pk" PRIMARY KEY("olla_id","renewed_from")
);
--> statement-breakpoint
ALTER TABLE "labour_renewal_holds" ADD CONSTRAINT "labour_renewal_holds_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labour_renewal_spans" ADD CONSTRAINT "labour_renewal_spans_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The coordinators' trend reads only the spans that end after its first point, and the holds that
-- end after it (most of the history ended long before): index-only, from these.
CREATE INDEX "labour_renewal_spans_to_idx" ON "labour_renewal_spans" ("renewed_to") INCLUDE ("olla_id", "renewed_from");
--> statement-breakpoint
CREATE INDEX "labour_renewal_holds_to_idx" ON "labour_renewal_holds" ("held_to") INCLUDE ("olla_id", "since", "held_from");
--> statement-breakpoint
-- The first day p whose n months back reach d: (p - n months) >= d. That is d + n months, except
-- when that day was clamped to a shorter month's end (31 January + 1 month is 28/29 February,
-- whose month back is the 28th/29th, still before d): then the next day, the 1st.
-- labour_renewal_until(d) is labour_months_after(d, 12).
CREATE FUNCTION labour_months_after(d date, n integer) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ((d + make_interval(months => n))::date - make_interval(months => n))::date < d
    THEN (d + make_interval(months => n))::date + 1 ELSE (d + make_interval(months => n))::date END
$$;
--> statement-breakpoint
-- Recomputes the renewal roll-ups of these ollas from their terms (all of them when ids is null):
-- labour_renewal_rollup as in 0035, its renewed days one span a row, and the holds. Writers of one
-- olla go one at a time (an advisory lock per olla, taken in id order so two statements never wait
-- on each other in a cycle); each statement below then reads every committed term (READ
-- COMMITTED: a fresh snapshot per statement), so the last writer's rows count both writes.
CREATE OR REPLACE FUNCTION labour_renewal_rollup_recompute(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL THEN
    DELETE FROM labour_renewal_rollup;
    DELETE FROM labour_renewal_spans;
    DELETE FROM labour_renewal_holds;
    SELECT array_agg(DISTINCT t.olla_id ORDER BY t.olla_id) INTO ids FROM cargo_terms t;
    IF ids IS NULL THEN
      RETURN;
    END IF;
  ELSE
    PERFORM pg_advisory_xact_lock(7316, hashtext(s.id::text)) FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) s;
    DELETE FROM labour_renewal_rollup r WHERE r.olla_id IN (SELECT unnest(ids));
    DELETE FROM labour_renewal_spans r WHERE r.olla_id IN (SELECT unnest(ids));
    DELETE FROM labour_renewal_holds r WHERE r.olla_id IN (SELECT unnest(ids));
  END IF;
  INSERT INTO labour_renewal_rollup (olla_id, first_term, renewed)
  SELECT f.olla_id, min(f.first_on), range_agg(daterange(f.first_on, labour_renewal_until(f.first_on)))
  FROM (SELECT t.olla_id, min(t.starts_on) AS first_on FROM cargo_terms t
        WHERE t.olla_id IN (SELECT unnest(ids)) GROUP BY t.olla_id, t.cargo_id, t.socia_id) f
  GROUP BY f.olla_id ORDER BY f.olla_id;
  INSERT INTO labour_renewal_spans (olla_id, renewed_from, renewed_to)
  SELECT r.olla_id, lower(x), upper(x) FROM labour_renewal_rollup r, unnest(r.renewed) x
  WHERE r.olla_id IN (SELECT unnest(ids));
  -- Per seat, a person's consecutive terms are one run (renewalIndicators); per role, the days are
  -- cut wherever a term starts or ends, each piece carries the earliest run start among the terms
  -- held over it, and neighbouring pieces with the same start are joined.
  INSERT INTO labour_renewal_holds (olla_id, cargo_id, held_from, held_to, since)
  WITH t AS (
    SELECT t.olla_id, t.cargo_id, t.seat, t.socia_id, t.starts_on, t.ends_on,
      lag(t.socia_id) OVER (PARTITION BY t.cargo_id, t.seat ORDER BY t.starts_on) AS prev
    FROM cargo_terms t WHERE t.olla_id IN (SELECT unnest(ids))
  ), r AS (
    SELECT t.*, sum(CASE WHEN t.prev IS DISTINCT FROM t.socia_id THEN 1 ELSE 0 END)
      OVER (PARTITION BY t.cargo_id, t.seat ORDER BY t.starts_on ROWS UNBOUNDED PRECEDING) AS run_no
    FROM t
  ), ts AS (
    SELECT r.olla_id, r.cargo_id, r.starts_on, r.ends_on, min(r.starts_on) OVER (PARTITION BY r.cargo_id, r.seat, r.run_no) AS since FROM r
  ), cut AS (
    SELECT ts.olla_id, ts.cargo_id, ts.starts_on AS d FROM ts
    UNION SELECT ts.olla_id, ts.cargo_id, ts.ends_on FROM ts WHERE ts.ends_on IS NOT NULL
  ), piece AS (
    SELECT cut.olla_id, cut.cargo_id, cut.d AS lo, lead(cut.d) OVER (PARTITION BY cut.cargo_id ORDER BY cut.d) AS hi FROM cut
  ), held AS (
    SELECT p.olla_id, p.cargo_id, p.lo, p.hi, min(ts.since) AS since
    FROM piece p JOIN ts ON ts.cargo_id = p.cargo_id AND ts.starts_on <= p.lo AND (ts.ends_on IS NULL OR ts.ends_on > p.lo)
    GROUP BY p.olla_id, p.cargo_id, p.lo, p.hi
  ), brk AS (
    SELECT held.*, CASE WHEN lag(held.hi) OVER w = held.lo AND lag(held.since) OVER w = held.since THEN 0 ELSE 1 END AS b
    FROM held WINDOW w AS (PARTITION BY held.cargo_id ORDER BY held.lo)
  ), grp AS (
    SELECT brk.*, sum(brk.b) OVER (PARTITION BY brk.cargo_id ORDER BY brk.lo ROWS UNBOUNDED PRECEDING) AS g FROM brk
  )
  SELECT grp.olla_id, grp.cargo_id, min(grp.lo), CASE WHEN bool_or(grp.hi IS NULL) THEN 'infinity'::date ELSE max(grp.hi) END, grp.since
  FROM grp GROUP BY grp.olla_id, grp.cargo_id, grp.g, grp.since
  ORDER BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION labour_renewal_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM labour_renewal_rollup;
  DELETE FROM labour_renewal_spans;
  DELETE FROM labour_renewal_holds;
  RETURN NULL;
END $$;
--> statement-breakpoint
SELECT labour_renewal_rollup_recompute(null);
