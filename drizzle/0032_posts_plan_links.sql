ALTER TABLE "posts" ADD COLUMN "plan_item_id" uuid;--> statement-breakpoint
ALTER TABLE "workshop_follow_ups" ADD COLUMN "plan_item_id" uuid;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_plan_item_id_olla_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."olla_plan_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_follow_ups" ADD CONSTRAINT "workshop_follow_ups_plan_item_id_olla_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."olla_plan_items"("id") ON DELETE set null ON UPDATE no action;