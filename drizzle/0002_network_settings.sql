CREATE TABLE "network_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"dependency_threshold" numeric(3, 2) DEFAULT 0.6 NOT NULL,
	"staple_items" text[] DEFAULT '{arroz,fideos,aceite,menestras}'::text[] NOT NULL,
	"low_stock_days" smallint DEFAULT 7 NOT NULL,
	"monthly_minimum_wage_cents" integer DEFAULT 113000 NOT NULL,
	"max_leadership_term_months" smallint DEFAULT 24 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_settings_single_row" CHECK ("network_settings"."id" = 1),
	CONSTRAINT "network_settings_threshold_range" CHECK ("network_settings"."dependency_threshold" between 0.10 and 1.00),
	CONSTRAINT "network_settings_staples_valid" CHECK (cardinality("network_settings"."staple_items") between 1 and 20
        and array_to_string("network_settings"."staple_items", ',') ~ '^[a-z0-9_-]{1,40}(,[a-z0-9_-]{1,40})*$'),
	CONSTRAINT "network_settings_low_stock_range" CHECK ("network_settings"."low_stock_days" between 1 and 60),
	CONSTRAINT "network_settings_wage_range" CHECK ("network_settings"."monthly_minimum_wage_cents" between 50000 and 1000000),
	CONSTRAINT "network_settings_term_range" CHECK ("network_settings"."max_leadership_term_months" between 6 and 120),
	CONSTRAINT "network_settings_version_positive" CHECK ("network_settings"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "network_settings" ADD CONSTRAINT "network_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;