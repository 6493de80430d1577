ALTER TABLE "socias" DROP CONSTRAINT "socias_name_length";--> statement-breakpoint
ALTER TABLE "socias" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "socias" ADD CONSTRAINT "socias_name_length" CHECK (char_length("socias"."name") between 2 and 80 or ("socias"."erased_at" is not null and "socias"."name" = '—'));