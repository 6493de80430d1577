CREATE TABLE "open_data_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "open_data_version_single_row" CHECK ("open_data_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "request_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE INDEX "needs_public_feed_idx" ON "needs" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "needs"."status" = 'open' and "needs"."visibility" = 'public';--> statement-breakpoint
INSERT INTO "open_data_version" ("id", "version") VALUES (1, 1);
--> statement-breakpoint
-- Moves the open-data version forward once per transaction that changed what the exports show.
-- Deferred to commit time (constraint triggers), so the single row is locked only for the
-- moment of the commit, not for the whole writing transaction; the flag makes every further
-- row of the same transaction a cheap no-op.
CREATE FUNCTION open_data_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ollas.open_data_touched', true) IS NOT DISTINCT FROM txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('ollas.open_data_touched', txid_current()::text, true);
  UPDATE open_data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER open_data_touch_ollas AFTER INSERT OR UPDATE OR DELETE ON ollas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_data_touch();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER open_data_touch_assessments AFTER INSERT OR UPDATE OR DELETE ON assessments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_data_touch();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER open_data_touch_needs AFTER INSERT OR UPDATE OR DELETE ON needs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_data_touch();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER open_data_touch_zones AFTER INSERT OR UPDATE OR DELETE ON zones
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_data_touch();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER open_data_touch_districts AFTER INSERT OR UPDATE OR DELETE ON districts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION open_data_touch();
