CREATE TYPE "public"."stock_direction" AS ENUM('in', 'out');--> statement-breakpoint
CREATE TYPE "public"."stock_exit_reason" AS ENUM('cooked', 'spoiled', 'lost', 'transferred');--> statement-breakpoint
CREATE TYPE "public"."stock_source_type" AS ENUM('purchase', 'member_contribution', 'individual_donation', 'parish', 'ngo', 'company', 'municipal_program', 'state_program');--> statement-breakpoint
CREATE TYPE "public"."stock_transfer_status" AS ENUM('offered', 'accepted', 'declined', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."stock_unit" AS ENUM('kg', 'l', 'unit', 'can');--> statement-breakpoint
CREATE TYPE "public"."need_category" AS ENUM('water', 'sanitation', 'storage', 'cooking', 'space', 'electricity', 'refrigeration', 'nutrition', 'food', 'other');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('open', 'in_progress', 'met', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."need_urgency" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."need_visibility" AS ENUM('public', 'network');--> statement-breakpoint
CREATE TABLE "stock_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid,
	"code" varchar(40),
	"name" text NOT NULL,
	"unit" "stock_unit" NOT NULL,
	"kg_per_unit" numeric(8, 4),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_items_id_unit" UNIQUE("id","unit"),
	CONSTRAINT "stock_items_code_network_only" CHECK ("stock_items"."code" is null or "stock_items"."olla_id" is null),
	CONSTRAINT "stock_items_name_length" CHECK (char_length("stock_items"."name") between 2 and 60),
	CONSTRAINT "stock_items_kg_per_unit_range" CHECK ("stock_items"."kg_per_unit" > 0 and "stock_items"."kg_per_unit" <= 100)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"olla_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"unit" "stock_unit" NOT NULL,
	"direction" "stock_direction" NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"occurred_on" date NOT NULL,
	"source_type" "stock_source_type",
	"source_id" uuid,
	"value_cents" integer,
	"exit_reason" "stock_exit_reason",
	"transfer_id" uuid,
	"reverses_id" bigint,
	"expires_on" date,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_reverses_unique" UNIQUE("reverses_id"),
	CONSTRAINT "stock_movements_quantity_positive" CHECK ("stock_movements"."quantity" > 0),
	CONSTRAINT "stock_movements_counted_whole" CHECK ("stock_movements"."unit" not in ('unit','can') or "stock_movements"."quantity" = trunc("stock_movements"."quantity")),
	CONSTRAINT "stock_movements_shape" CHECK (("stock_movements"."reverses_id" is null and "stock_movements"."direction" = 'in' and "stock_movements"."source_type" is not null and "stock_movements"."exit_reason" is null and "stock_movements"."transfer_id" is null)
        or ("stock_movements"."reverses_id" is null and "stock_movements"."direction" = 'in' and "stock_movements"."transfer_id" is not null and "stock_movements"."source_type" is null and "stock_movements"."exit_reason" is null)
        or ("stock_movements"."reverses_id" is null and "stock_movements"."direction" = 'out' and "stock_movements"."exit_reason" is not null and "stock_movements"."source_type" is null
            and ("stock_movements"."exit_reason" = 'transferred') = ("stock_movements"."transfer_id" is not null))
        or ("stock_movements"."reverses_id" is not null and "stock_movements"."source_type" is null and "stock_movements"."exit_reason" is null and "stock_movements"."transfer_id" is null)),
	CONSTRAINT "stock_movements_institution_named" CHECK (("stock_movements"."source_id" is not null) = ("stock_movements"."source_type" is not null and "stock_movements"."source_type" in ('parish','ngo','company','municipal_program','state_program'))),
	CONSTRAINT "stock_movements_value_range" CHECK ("stock_movements"."value_cents" is null or ("stock_movements"."source_type" is not null and "stock_movements"."value_cents" between 0 and 100000000)),
	CONSTRAINT "stock_movements_expiry_on_entries" CHECK ("stock_movements"."expires_on" is null or ("stock_movements"."direction" = 'in' and "stock_movements"."reverses_id" is null)),
	CONSTRAINT "stock_movements_date_range" CHECK ("stock_movements"."occurred_on" >= '2000-01-01' and ("stock_movements"."expires_on" is null or "stock_movements"."expires_on" >= '2000-01-01')),
	CONSTRAINT "stock_movements_note_length" CHECK (char_length("stock_movements"."note") <= 300)
);
--> statement-breakpoint
CREATE TABLE "stock_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "stock_source_type" NOT NULL,
	"name" text NOT NULL,
	"created_by_olla_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_sources_id_type" UNIQUE("id","type"),
	CONSTRAINT "stock_sources_institutional" CHECK ("stock_sources"."type" in ('parish','ngo','company','municipal_program','state_program')),
	CONSTRAINT "stock_sources_name_length" CHECK (char_length("stock_sources"."name") between 2 and 120)
);
--> statement-breakpoint
CREATE TABLE "stock_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_olla_id" uuid NOT NULL,
	"to_olla_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"unit" "stock_unit" NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"status" "stock_transfer_status" DEFAULT 'offered' NOT NULL,
	"note" text,
	"offered_by" uuid NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "stock_transfers_other_olla" CHECK ("stock_transfers"."from_olla_id" <> "stock_transfers"."to_olla_id"),
	CONSTRAINT "stock_transfers_quantity_positive" CHECK ("stock_transfers"."quantity" > 0),
	CONSTRAINT "stock_transfers_counted_whole" CHECK ("stock_transfers"."unit" not in ('unit','can') or "stock_transfers"."quantity" = trunc("stock_transfers"."quantity")),
	CONSTRAINT "stock_transfers_note_length" CHECK (char_length("stock_transfers"."note") <= 300),
	CONSTRAINT "stock_transfers_decided" CHECK (("stock_transfers"."status" = 'offered') = ("stock_transfers"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"category" "need_category" NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(14, 3),
	"unit" varchar(20),
	"urgency" "need_urgency" NOT NULL,
	"status" "need_status" DEFAULT 'open' NOT NULL,
	"visibility" "need_visibility" DEFAULT 'public' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "needs_description_length" CHECK (char_length("needs"."description") between 3 and 500),
	CONSTRAINT "needs_quantity_with_unit" CHECK (("needs"."quantity" is null) = ("needs"."unit" is null)),
	CONSTRAINT "needs_quantity_range" CHECK ("needs"."quantity" > 0 and "needs"."quantity" <= 1000000),
	CONSTRAINT "needs_unit_length" CHECK (char_length("needs"."unit") between 1 and 20),
	CONSTRAINT "needs_closed_at" CHECK (("needs"."status" in ('met', 'cancelled')) = ("needs"."closed_at" is not null)),
	CONSTRAINT "needs_version_positive" CHECK ("needs"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"procedure" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("user_id","key"),
	CONSTRAINT "idempotency_keys_hash_format" CHECK ("idempotency_keys"."request_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_transfer_id_stock_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."stock_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_reverses_id_stock_movements_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."stock_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_item_unit_fk" FOREIGN KEY ("item_id","unit") REFERENCES "public"."stock_items"("id","unit") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_source_type_fk" FOREIGN KEY ("source_id","source_type") REFERENCES "public"."stock_sources"("id","type") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_sources" ADD CONSTRAINT "stock_sources_created_by_olla_id_ollas_id_fk" FOREIGN KEY ("created_by_olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_sources" ADD CONSTRAINT "stock_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_from_olla_id_ollas_id_fk" FOREIGN KEY ("from_olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_to_olla_id_ollas_id_fk" FOREIGN KEY ("to_olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_item_unit_fk" FOREIGN KEY ("item_id","unit") REFERENCES "public"."stock_items"("id","unit") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_items_name_unique" ON "stock_items" USING btree (coalesce("olla_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "stock_items_code_unique" ON "stock_items" USING btree ("code") WHERE "stock_items"."code" is not null;--> statement-breakpoint
CREATE INDEX "stock_items_olla_idx" ON "stock_items" USING btree ("olla_id");--> statement-breakpoint
CREATE INDEX "stock_movements_olla_item_idx" ON "stock_movements" USING btree ("olla_id","item_id","occurred_on");--> statement-breakpoint
CREATE INDEX "stock_movements_olla_created_idx" ON "stock_movements" USING btree ("olla_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stock_movements_source_idx" ON "stock_movements" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "stock_movements_transfer_idx" ON "stock_movements" USING btree ("transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_sources_type_name_unique" ON "stock_sources" USING btree ("type",lower("name"));--> statement-breakpoint
CREATE INDEX "stock_transfers_to_idx" ON "stock_transfers" USING btree ("to_olla_id","status");--> statement-breakpoint
CREATE INDEX "stock_transfers_from_idx" ON "stock_transfers" USING btree ("from_olla_id","status");--> statement-breakpoint
CREATE INDEX "needs_olla_idx" ON "needs" USING btree ("olla_id","status");--> statement-breakpoint
CREATE INDEX "needs_public_idx" ON "needs" USING btree ("status","visibility","urgency","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");