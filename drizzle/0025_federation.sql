CREATE TABLE "federation_changes" (
	"kind" varchar(8) NOT NULL,
	"entity_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "federation_changes_kind_entity_id_pk" PRIMARY KEY("kind","entity_id"),
	CONSTRAINT "federation_changes_kind" CHECK ("federation_changes"."kind" in ('olla', 'need'))
);
--> statement-breakpoint
CREATE TABLE "federation_instance" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL,
	"epoch_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_instance_single_row" CHECK ("federation_instance"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "federation_keys" (
	"kid" varchar(64) PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"previous_kid" varchar(64),
	"rotation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "federation_keys_rotation_with_previous" CHECK (("federation_keys"."previous_kid" is null) = ("federation_keys"."rotation" is null))
);
--> statement-breakpoint
CREATE TABLE "federation_peer_aggregates" (
	"peer_id" uuid PRIMARY KEY NOT NULL,
	"as_of" text NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_peer_needs" (
	"peer_id" uuid NOT NULL,
	"remote_id" uuid NOT NULL,
	"remote_olla_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"category" varchar(20) NOT NULL,
	"description" text NOT NULL,
	"quantity" text,
	"unit" varchar(20),
	"urgency" varchar(10) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "federation_peer_needs_peer_id_remote_id_pk" PRIMARY KEY("peer_id","remote_id")
);
--> statement-breakpoint
CREATE TABLE "federation_peer_ollas" (
	"peer_id" uuid NOT NULL,
	"remote_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"name" text NOT NULL,
	"status" varchar(16) NOT NULL,
	"district_ubigeo" varchar(6) NOT NULL,
	"district_name" text NOT NULL,
	"zone_name" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"exact_location" boolean NOT NULL,
	"rations_per_day" integer NOT NULL,
	"ration_price_cents" integer NOT NULL,
	"cooking_days" text[] NOT NULL,
	"worst_level" smallint,
	"worst_categories" text[] NOT NULL,
	"urgent_public_needs" boolean NOT NULL,
	CONSTRAINT "federation_peer_ollas_peer_id_remote_id_pk" PRIMARY KEY("peer_id","remote_id")
);
--> statement-breakpoint
CREATE TABLE "federation_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"pinned_kid" varchar(64) NOT NULL,
	"pinned_jwk" jsonb NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"epoch" uuid,
	"cursor" bigint DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_peers_name_length" CHECK (char_length("federation_peers"."name") between 1 and 120),
	CONSTRAINT "federation_peers_url_length" CHECK (char_length("federation_peers"."base_url") between 8 and 300),
	CONSTRAINT "federation_peers_cursor" CHECK ("federation_peers"."cursor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "federation_pull_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"peer_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"reason" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"items" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federation_peer_aggregates" ADD CONSTRAINT "federation_peer_aggregates_peer_id_federation_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."federation_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_peer_needs" ADD CONSTRAINT "federation_peer_needs_peer_id_federation_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."federation_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_peer_ollas" ADD CONSTRAINT "federation_peer_ollas_peer_id_federation_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."federation_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_peers" ADD CONSTRAINT "federation_peers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_pull_log" ADD CONSTRAINT "federation_pull_log_peer_id_federation_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."federation_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "federation_changes_seq_idx" ON "federation_changes" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_keys_one_active" ON "federation_keys" USING btree ((true)) WHERE "federation_keys"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "federation_peer_needs_olla_idx" ON "federation_peer_needs" USING btree ("peer_id","remote_olla_id");--> statement-breakpoint
CREATE INDEX "federation_peer_ollas_district_idx" ON "federation_peer_ollas" USING btree ("district_ubigeo");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_peers_base_url_idx" ON "federation_peers" USING btree ("base_url");--> statement-breakpoint
CREATE INDEX "federation_pull_log_peer_idx" ON "federation_pull_log" USING btree ("peer_id","at" DESC NULLS LAST);--> statement-breakpoint
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
