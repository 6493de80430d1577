CREATE TYPE "public"."role" AS ENUM('delegate', 'zone_coordinator', 'city_coordinator');--> statement-breakpoint
CREATE TYPE "public"."olla_status" AS ENUM('active', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."problem_category" AS ENUM('water', 'sanitation', 'storage', 'cooking', 'space', 'electricity', 'refrigeration', 'nutrition');--> statement-breakpoint
CREATE TABLE "districts" (
	"ubigeo" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"province" text NOT NULL,
	"centroid_lat" double precision NOT NULL,
	"centroid_lng" double precision NOT NULL,
	CONSTRAINT "districts_ubigeo_format" CHECK ("districts"."ubigeo" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"district_ubigeo" varchar(6),
	"boundary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_name_unique" UNIQUE("name"),
	CONSTRAINT "zones_name_length" CHECK (char_length("zones"."name") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_hash" text NOT NULL,
	"olla_id" uuid NOT NULL,
	"role" "role" DEFAULT 'delegate' NOT NULL,
	"invitee_name" text NOT NULL,
	"invitee_phone" text,
	"invitee_email" text,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "invitations_role_delegate" CHECK ("invitations"."role" = 'delegate'),
	CONSTRAINT "invitations_has_contact" CHECK ("invitations"."invitee_phone" is not null or "invitations"."invitee_email" is not null)
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "login_throttle_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"olla_id" uuid,
	"zone_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_scope_matches_role" CHECK (("memberships"."role" = 'delegate' and "memberships"."olla_id" is not null and "memberships"."zone_id" is null)
        or ("memberships"."role" = 'zone_coordinator' and "memberships"."zone_id" is not null and "memberships"."olla_id" is null)
        or ("memberships"."role" = 'city_coordinator' and "memberships"."zone_id" is null and "memberships"."olla_id" is null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_phone_unique" UNIQUE("phone"),
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_has_login" CHECK ("users"."phone" is not null or "users"."email" is not null),
	CONSTRAINT "users_phone_format" CHECK ("users"."phone" ~ '^\+519[0-9]{8}$'),
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email") and char_length("users"."email") <= 254),
	CONSTRAINT "users_name_length" CHECK (char_length("users"."name") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"olla_id" uuid NOT NULL,
	"category" "problem_category" NOT NULL,
	"level" smallint NOT NULL,
	"note" text,
	"assessed_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_level_range" CHECK ("assessments"."level" between 0 and 3),
	CONSTRAINT "assessments_note_length" CHECK (char_length("assessments"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "ollas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"district_ubigeo" varchar(6) NOT NULL,
	"zone_id" uuid NOT NULL,
	"status" "olla_status" DEFAULT 'active' NOT NULL,
	"address_reference" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"location_seed" integer NOT NULL,
	"public_lat" double precision NOT NULL,
	"public_lng" double precision NOT NULL,
	"publish_exact" boolean DEFAULT false NOT NULL,
	"founded_on" date,
	"cooking_days" text[] DEFAULT '{}'::text[] NOT NULL,
	"rations_per_day" integer DEFAULT 0 NOT NULL,
	"beneficiaries_children" integer DEFAULT 0 NOT NULL,
	"beneficiaries_older_adults" integer DEFAULT 0 NOT NULL,
	"beneficiaries_pregnant_nursing" integer DEFAULT 0 NOT NULL,
	"beneficiaries_disabled" integer DEFAULT 0 NOT NULL,
	"ration_price_cents" integer DEFAULT 0 NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ollas_name_length" CHECK (char_length("ollas"."name") between 2 and 120),
	CONSTRAINT "ollas_address_length" CHECK (char_length("ollas"."address_reference") <= 300),
	CONSTRAINT "ollas_lat_range" CHECK ("ollas"."lat" between -12.55 and -11.55 and "ollas"."public_lat" between -12.6 and -11.5),
	CONSTRAINT "ollas_lng_range" CHECK ("ollas"."lng" between -77.25 and -76.60 and "ollas"."public_lng" between -77.3 and -76.55),
	CONSTRAINT "ollas_rations_range" CHECK ("ollas"."rations_per_day" between 0 and 5000),
	CONSTRAINT "ollas_beneficiaries_range" CHECK ("ollas"."beneficiaries_children" between 0 and 5000 and "ollas"."beneficiaries_older_adults" between 0 and 5000
        and "ollas"."beneficiaries_pregnant_nursing" between 0 and 5000 and "ollas"."beneficiaries_disabled" between 0 and 5000),
	CONSTRAINT "ollas_price_range" CHECK ("ollas"."ration_price_cents" between 0 and 5000),
	CONSTRAINT "ollas_cooking_days_valid" CHECK ("ollas"."cooking_days" <@ array['mon','tue','wed','thu','fri','sat','sun']::text[]),
	CONSTRAINT "ollas_contact_phone_format" CHECK ("ollas"."contact_phone" ~ '^\+519[0-9]{8}$'),
	CONSTRAINT "ollas_contact_name_length" CHECK (char_length("ollas"."contact_name") <= 120),
	CONSTRAINT "ollas_version_positive" CHECK ("ollas"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"olla_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_district_ubigeo_districts_ubigeo_fk" FOREIGN KEY ("district_ubigeo") REFERENCES "public"."districts"("ubigeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ollas" ADD CONSTRAINT "ollas_district_ubigeo_districts_ubigeo_fk" FOREIGN KEY ("district_ubigeo") REFERENCES "public"."districts"("ubigeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ollas" ADD CONSTRAINT "ollas_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invitations_olla_idx" ON "invitations" USING btree ("olla_id");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_olla_idx" ON "memberships" USING btree ("olla_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_unique_scope" ON "memberships" USING btree ("user_id","role",coalesce("olla_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("zone_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "assessments_olla_category_idx" ON "assessments" USING btree ("olla_id","category","assessed_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ollas_zone_idx" ON "ollas" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "ollas_district_idx" ON "ollas" USING btree ("district_ubigeo");--> statement-breakpoint
CREATE INDEX "ollas_status_idx" ON "ollas" USING btree ("status");--> statement-breakpoint
CREATE INDEX "audit_log_olla_idx" ON "audit_log" USING btree ("olla_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");