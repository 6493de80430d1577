-- An olla's feed entry carries x_urgent_public_needs, which its needs decide: a need opened,
-- met, made network-only or re-graded must put its olla back on the feed too, or a subscriber
-- keeps the flag the olla had when it last changed (and one that took a snapshot later shows
-- another value than one that followed every change). Same function as 0025 plus that touch.
CREATE OR REPLACE FUNCTION federation_touch() RETURNS trigger LANGUAGE plpgsql AS $$
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
  -- A need changed: its olla's urgent-needs flag may have changed with it.
  IF TG_TABLE_NAME = 'needs' THEN
    INSERT INTO federation_changes (kind, entity_id, seq)
    VALUES ('olla', (rec->>'olla_id')::uuid, nextval('federation_seq'))
    ON CONFLICT (kind, entity_id) DO UPDATE SET seq = excluded.seq;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every olla once more, so subscribers replace the flag they may hold stale.
INSERT INTO federation_changes (kind, entity_id, seq)
SELECT 'olla', id, nextval('federation_seq') FROM ollas ORDER BY id
ON CONFLICT (kind, entity_id) DO UPDATE SET seq = excluded.seq;
