-- Copy of the hand-written labour migration (drizzle-kit generate --custom --name labour_rules), kept to re-create it after a renumbering.
-- Hand-written rules of the labour tables (issue 16); drizzle cannot express them.
-- Terms of one seat of a role never overlap, enforced by the database so that two concurrent
-- writes cannot both land. Core range types only (int8range/int4range/daterange have GiST
-- operator classes built in), so the same constraint runs on PGlite and PostgreSQL 15 without
-- btree_gist. Ranges are [starts_on, ends_on): the handover day belongs to the new term.
ALTER TABLE "cargo_terms" ADD CONSTRAINT "cargo_terms_no_overlap" EXCLUDE USING gist (
  int8range("cargo_seq", "cargo_seq", '[]') WITH &&,
  int4range("seat", "seat", '[]') WITH &&,
  daterange("starts_on", "ends_on", '[)') WITH &&
);--> statement-breakpoint
-- The minimum wage history is append-only: a new value applies from its own date, and a past
-- month's labour value never changes.
CREATE FUNCTION "minimum_wages_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'minimum_wages is append-only: add a value valid from a new date'
    USING ERRCODE = 'P0001';
END
$$;--> statement-breakpoint
CREATE TRIGGER "minimum_wages_no_update_delete" BEFORE UPDATE OR DELETE ON "minimum_wages"
  FOR EACH ROW EXECUTE FUNCTION "minimum_wages_append_only"();--> statement-breakpoint
CREATE TRIGGER "minimum_wages_no_truncate" BEFORE TRUNCATE ON "minimum_wages"
  FOR EACH STATEMENT EXECUTE FUNCTION "minimum_wages_append_only"();--> statement-breakpoint
-- Peru's Remuneración Mínima Vital: S/ 850 (D.S. 005-2016-TR), S/ 930 (D.S. 004-2018-TR),
-- S/ 1,025 (D.S. 003-2022-TR), S/ 1,130 (D.S. 006-2024-TR, from 2025-01-01).
INSERT INTO "minimum_wages" ("valid_from", "monthly_cents") VALUES
  ('2016-05-01', 85000), ('2018-04-01', 93000), ('2022-05-01', 102500), ('2025-01-01', 113000);
