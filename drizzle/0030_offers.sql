CREATE TYPE "public"."offer_decline_reason" AS ENUM('not_needed', 'already_met', 'cannot_store', 'cannot_pick_up', 'other');--> statement-breakpoint
CREATE TYPE "public"."offer_delivery_mode" AS ENUM('deliver', 'pickup');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('offered', 'accepted', 'declined', 'delivered', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."supporter_kind" AS ENUM('individual', 'parish', 'ngo', 'company', 'public_institution');--> statement-breakpoint
CREATE TABLE "offer_pow_spent" (
	"challenge" varchar(128) PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"olla_id" uuid NOT NULL,
	"item_id" uuid,
	"unit" "stock_unit",
	"what" text,
	"quantity" numeric(14, 3),
	"available_on" date NOT NULL,
	"delivery_mode" "offer_delivery_mode" NOT NULL,
	"supporter_name" text NOT NULL,
	"supporter_kind" "supporter_kind" NOT NULL,
	"contact_phone" varchar(16),
	"contact_email" varchar(254),
	"contact_hash" varchar(64) NOT NULL,
	"message" text,
	"thank_by_name" boolean DEFAULT false NOT NULL,
	"status" "offer_status" DEFAULT 'offered' NOT NULL,
	"form_key" uuid NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"link_hash" varchar(64) NOT NULL,
	"link_revoked_at" timestamp with time zone,
	"reply_message" text,
	"agreed_on" date,
	"decline_reason" "offer_decline_reason",
	"decline_note" text,
	"delivered_quantity" numeric(14, 3),
	"delivered_on" date,
	"movement_id" bigint,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"delivered_by" uuid,
	"delivered_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_what" CHECK (("offers"."item_id" is not null) or ("offers"."what" is not null)),
	CONSTRAINT "offers_what_length" CHECK (char_length("offers"."what") between 2 and 120),
	CONSTRAINT "offers_quantity_range" CHECK ("offers"."quantity" > 0 and "offers"."quantity" <= 100000),
	CONSTRAINT "offers_item_quantity" CHECK ("offers"."item_id" is null or "offers"."quantity" is not null),
	CONSTRAINT "offers_name_length" CHECK (char_length("offers"."supporter_name") between 2 and 120),
	CONSTRAINT "offers_contact_present" CHECK ("offers"."contact_phone" is not null or "offers"."contact_email" is not null),
	CONSTRAINT "offers_message_length" CHECK (char_length("offers"."message") <= 500),
	CONSTRAINT "offers_reply_length" CHECK (char_length("offers"."reply_message") <= 300),
	CONSTRAINT "offers_decline_note_length" CHECK (char_length("offers"."decline_note") <= 300),
	CONSTRAINT "offers_declined_reason" CHECK (("offers"."status" = 'declined') = ("offers"."decline_reason" is not null)),
	CONSTRAINT "offers_delivered_shape" CHECK (("offers"."status" = 'delivered') = ("offers"."delivered_on" is not null and "offers"."delivered_quantity" is not null)),
	CONSTRAINT "offers_delivered_quantity" CHECK ("offers"."delivered_quantity" > 0 and "offers"."delivered_quantity" <= 100000),
	CONSTRAINT "offers_movement_when_delivered" CHECK ("offers"."movement_id" is null or "offers"."status" = 'delivered')
);
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "item_id" uuid;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_movement_id_stock_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."stock_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_delivered_by_users_id_fk" FOREIGN KEY ("delivered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_item_unit_fk" FOREIGN KEY ("item_id","unit") REFERENCES "public"."stock_items"("id","unit") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_pow_spent_expires_idx" ON "offer_pow_spent" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_form_key_unique" ON "offers" USING btree ("form_key");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_link_hash_unique" ON "offers" USING btree ("link_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_movement_unique" ON "offers" USING btree ("movement_id") WHERE "offers"."movement_id" is not null;--> statement-breakpoint
CREATE INDEX "offers_olla_idx" ON "offers" USING btree ("olla_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "offers_need_idx" ON "offers" USING btree ("need_id","status");--> statement-breakpoint
CREATE INDEX "offers_contact_idx" ON "offers" USING btree ("contact_hash","status");--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_item_id_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."stock_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_item_quantity" CHECK ("needs"."item_id" is null or "needs"."quantity" is not null);