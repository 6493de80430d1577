CREATE TYPE "public"."follow_up_status" AS ENUM('pending', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."post_visibility" AS ENUM('olla', 'network', 'public');--> statement-breakpoint
CREATE TABLE "images" (
	"hash" varchar(64) PRIMARY KEY NOT NULL,
	"mime" varchar(20) NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "images_hash_format" CHECK ("images"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "images_mime" CHECK ("images"."mime" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "images_size" CHECK ("images"."byte_size" = octet_length("images"."bytes") and "images"."byte_size" between 1 and 4194304),
	CONSTRAINT "images_dimensions" CHECK ("images"."width" between 1 and 4096 and "images"."height" between 1 and 4096)
);
--> statement-breakpoint
CREATE TABLE "post_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_comments_body_length" CHECK (char_length("post_comments"."body") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "post_photos" (
	"post_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"thumb_hash" varchar(64) NOT NULL,
	"display_hash" varchar(64) NOT NULL,
	"source_type" varchar(8) NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	CONSTRAINT "post_photos_pk" PRIMARY KEY("post_id","position"),
	CONSTRAINT "post_photos_position" CHECK ("post_photos"."position" between 0 and 3),
	CONSTRAINT "post_photos_source_type" CHECK ("post_photos"."source_type" in ('jpeg', 'png', 'webp'))
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"visibility" "post_visibility" NOT NULL,
	"categories" "need_category"[] DEFAULT '{}' NOT NULL,
	"need_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posts_body_length" CHECK (char_length("posts"."body") <= 2000),
	CONSTRAINT "posts_categories_count" CHECK (coalesce(array_length("posts"."categories", 1), 0) <= 10),
	CONSTRAINT "posts_version_positive" CHECK ("posts"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "workshop_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"what" text NOT NULL,
	"olla_id" uuid,
	"due_on" date NOT NULL,
	"status" "follow_up_status" DEFAULT 'pending' NOT NULL,
	"need_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_follow_ups_what_length" CHECK (char_length("workshop_follow_ups"."what") between 3 and 300)
);
--> statement-breakpoint
CREATE TABLE "workshop_ollas" (
	"workshop_id" uuid NOT NULL,
	"olla_id" uuid NOT NULL,
	CONSTRAINT "workshop_ollas_pk" PRIMARY KEY("workshop_id","olla_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_photos" (
	"workshop_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"thumb_hash" varchar(64) NOT NULL,
	"display_hash" varchar(64) NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	CONSTRAINT "workshop_photos_pk" PRIMARY KEY("workshop_id","position"),
	CONSTRAINT "workshop_photos_position" CHECK ("workshop_photos"."position" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "workshop_problems" (
	"workshop_id" uuid NOT NULL,
	"category" "need_category" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "workshop_problems_pk" PRIMARY KEY("workshop_id","category"),
	CONSTRAINT "workshop_problems_note_length" CHECK (char_length("workshop_problems"."note") <= 300)
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"facilitators" text,
	"agreements" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshops_place_length" CHECK (char_length("workshops"."place") between 2 and 200),
	CONSTRAINT "workshops_facilitators_length" CHECK (char_length("workshops"."facilitators") <= 300),
	CONSTRAINT "workshops_agreements_length" CHECK (char_length("workshops"."agreements") <= 4000)
);
--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_photos" ADD CONSTRAINT "post_photos_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_photos" ADD CONSTRAINT "post_photos_thumb_hash_images_hash_fk" FOREIGN KEY ("thumb_hash") REFERENCES "public"."images"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_photos" ADD CONSTRAINT "post_photos_display_hash_images_hash_fk" FOREIGN KEY ("display_hash") REFERENCES "public"."images"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_follow_ups" ADD CONSTRAINT "workshop_follow_ups_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_follow_ups" ADD CONSTRAINT "workshop_follow_ups_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_follow_ups" ADD CONSTRAINT "workshop_follow_ups_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ollas" ADD CONSTRAINT "workshop_ollas_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ollas" ADD CONSTRAINT "workshop_ollas_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_photos" ADD CONSTRAINT "workshop_photos_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_photos" ADD CONSTRAINT "workshop_photos_thumb_hash_images_hash_fk" FOREIGN KEY ("thumb_hash") REFERENCES "public"."images"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_photos" ADD CONSTRAINT "workshop_photos_display_hash_images_hash_fk" FOREIGN KEY ("display_hash") REFERENCES "public"."images"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_problems" ADD CONSTRAINT "workshop_problems_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_comments_post_idx" ON "post_comments" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "post_photos_thumb_idx" ON "post_photos" USING btree ("thumb_hash");--> statement-breakpoint
CREATE INDEX "post_photos_display_idx" ON "post_photos" USING btree ("display_hash");--> statement-breakpoint
CREATE INDEX "posts_feed_idx" ON "posts" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_olla_feed_idx" ON "posts" USING btree ("olla_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "workshop_follow_ups_workshop_idx" ON "workshop_follow_ups" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_follow_ups_olla_idx" ON "workshop_follow_ups" USING btree ("olla_id","status");--> statement-breakpoint
CREATE INDEX "workshop_ollas_olla_idx" ON "workshop_ollas" USING btree ("olla_id");--> statement-breakpoint
CREATE INDEX "workshop_photos_thumb_idx" ON "workshop_photos" USING btree ("thumb_hash");--> statement-breakpoint
CREATE INDEX "workshop_photos_display_idx" ON "workshop_photos" USING btree ("display_hash");--> statement-breakpoint
CREATE INDEX "workshops_zone_idx" ON "workshops" USING btree ("zone_id","held_on" DESC NULLS LAST);