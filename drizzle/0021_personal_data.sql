ALTER TABLE "invitations" DROP CONSTRAINT "invitations_has_contact";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_has_login";--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "network_settings" ADD COLUMN "personal_data_retention_months" smallint DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "network_settings" ADD COLUMN "personal_data_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_has_contact" CHECK ("invitations"."invitee_phone" is not null or "invitations"."invitee_email" is not null or "invitations"."erased_at" is not null);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_has_login" CHECK ("users"."phone" is not null or "users"."email" is not null or "users"."erased_at" is not null);--> statement-breakpoint
ALTER TABLE "network_settings" ADD CONSTRAINT "network_settings_retention_range" CHECK ("network_settings"."personal_data_retention_months" between 6 and 120);--> statement-breakpoint
-- Delegates deactivated before this column existed: their retention period starts now, never
-- in the past (no one's data is erased by surprise on the day this ships).
UPDATE "memberships" SET "deactivated_at" = now() WHERE NOT "active" AND "deactivated_at" IS NULL;
