ALTER TABLE "offers" DROP CONSTRAINT "offers_name_length";--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_contact_present";--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "contact_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_name_length" CHECK (char_length("offers"."supporter_name") between 2 and 120 or "offers"."contact_erased_at" is not null);--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_contact_present" CHECK ("offers"."contact_phone" is not null or "offers"."contact_email" is not null or "offers"."contact_erased_at" is not null);