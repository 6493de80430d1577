-- Hand-written part of migration 0025 (re-append after regenerating it).
--> statement-breakpoint
INSERT INTO "federation_instance" ("id") VALUES (1);
--> statement-breakpoint
CREATE SEQUENCE "federation_seq";
--> statement-breakpoint
-- Records that a published entity changed: its row in federation_changes gets the next sequence
-- number. Deferred to commit time and serialised by a transaction-scoped advisory lock, so
-- numbers are handed out in commit order: a feed reader that has seen N never misses a later
-- commit numbered below N. TG_ARGV: the kind ('olla' | 'need') and the column holding its id.
CREATE FUNCTION federation_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  PERFORM pg_advisory_xact_lock(1868983361);
  INSERT INTO federation_changes (kind, entity_id, seq)
  VALUES (TG_ARGV[0], (rec->>TG_ARGV[1])::uuid, nextval('federation_seq'))
  ON CONFLICT (kind, entity_id) DO UPDATE SET seq = excluded.seq;
  -- An olla closed or reopened takes its needs off (or back onto) the feed.
  -- (PL/pgSQL does not short-circuit AND: OLD.status would fail on the other tables.)
  IF TG_TABLE_NAME = 'ollas' AND TG_OP = 'UPDATE' THEN
    IF to_jsonb(OLD)->>'status' IS DISTINCT FROM rec->>'status' THEN
      INSERT INTO federation_changes (kind, entity_id, seq)
      SELECT 'need', n.id, nextval('federation_seq') FROM needs n WHERE n.olla_id = (rec->>'id')::uuid
      ON CONFLICT (kind, entity_id) DO UPDATE SET seq = excluded.seq;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER federation_touch_ollas AFTER INSERT OR UPDATE OR DELETE ON ollas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION federation_touch('olla', 'id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER federation_touch_assessments AFTER INSERT OR UPDATE OR DELETE ON assessments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION federation_touch('olla', 'olla_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER federation_touch_needs AFTER INSERT OR UPDATE OR DELETE ON needs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION federation_touch('need', 'id');
--> statement-breakpoint
-- Data present before this migration is published from the start.
INSERT INTO federation_changes (kind, entity_id, seq) SELECT 'olla', id, nextval('federation_seq') FROM ollas ORDER BY id;
--> statement-breakpoint
INSERT INTO federation_changes (kind, entity_id, seq) SELECT 'need', id, nextval('federation_seq') FROM needs ORDER BY id;
