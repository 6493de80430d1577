CREATE TYPE "public"."plan_funding" AS ENUM('own_savings', 'contributions', 'activity', 'donation', 'programme');--> statement-breakpoint
CREATE TYPE "public"."plan_item_status" AS ENUM('planned', 'saving', 'in_progress', 'done');--> statement-breakpoint
CREATE TABLE "olla_existing_modules" (
	"olla_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "olla_existing_modules_pk" PRIMARY KEY("olla_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "olla_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" "plan_item_status" DEFAULT 'planned' NOT NULL,
	"funding" "plan_funding" DEFAULT 'own_savings' NOT NULL,
	"saved_cents" integer DEFAULT 0 NOT NULL,
	"done_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "olla_plan_items_saved_range" CHECK ("olla_plan_items"."saved_cents" between 0 and 100000000),
	CONSTRAINT "olla_plan_items_done_on" CHECK (("olla_plan_items"."status" = 'done') = ("olla_plan_items"."done_on" is not null)),
	CONSTRAINT "olla_plan_items_position_range" CHECK ("olla_plan_items"."position" >= 0),
	CONSTRAINT "olla_plan_items_version_positive" CHECK ("olla_plan_items"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "olla_plans" (
	"olla_id" uuid PRIMARY KEY NOT NULL,
	"monthly_capacity_cents" integer DEFAULT 0 NOT NULL,
	"savings_cents" integer DEFAULT 0 NOT NULL,
	"show_amounts" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "olla_plans_money_range" CHECK ("olla_plans"."monthly_capacity_cents" between 0 and 100000000 and "olla_plans"."savings_cents" between 0 and 100000000),
	CONSTRAINT "olla_plans_version_positive" CHECK ("olla_plans"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "plan_module_prerequisites" (
	"module_id" uuid NOT NULL,
	"group_no" smallint NOT NULL,
	"requires_module_id" uuid NOT NULL,
	CONSTRAINT "plan_module_prerequisites_pk" PRIMARY KEY("module_id","group_no","requires_module_id"),
	CONSTRAINT "plan_module_prerequisites_not_self" CHECK ("plan_module_prerequisites"."module_id" <> "plan_module_prerequisites"."requires_module_id"),
	CONSTRAINT "plan_module_prerequisites_group_range" CHECK ("plan_module_prerequisites"."group_no" between 0 and 9)
);
--> statement-breakpoint
CREATE TABLE "plan_modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(40) NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"category" "problem_category" NOT NULL,
	"cost_min_cents" integer NOT NULL,
	"cost_max_cents" integer NOT NULL,
	"size_note_es" text,
	"size_note_en" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_modules_code_format" CHECK ("plan_modules"."code" ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	CONSTRAINT "plan_modules_name_length" CHECK (char_length("plan_modules"."name_es") between 2 and 120 and char_length("plan_modules"."name_en") between 2 and 120),
	CONSTRAINT "plan_modules_note_length" CHECK (char_length("plan_modules"."size_note_es") <= 200 and char_length("plan_modules"."size_note_en") <= 200),
	CONSTRAINT "plan_modules_cost_range" CHECK ("plan_modules"."cost_min_cents" >= 0 and "plan_modules"."cost_min_cents" <= "plan_modules"."cost_max_cents" and "plan_modules"."cost_max_cents" <= 100000000),
	CONSTRAINT "plan_modules_version_positive" CHECK ("plan_modules"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "olla_existing_modules" ADD CONSTRAINT "olla_existing_modules_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olla_existing_modules" ADD CONSTRAINT "olla_existing_modules_module_id_plan_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."plan_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olla_plan_items" ADD CONSTRAINT "olla_plan_items_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olla_plan_items" ADD CONSTRAINT "olla_plan_items_module_id_plan_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."plan_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olla_plan_items" ADD CONSTRAINT "olla_plan_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "olla_plans" ADD CONSTRAINT "olla_plans_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_module_prerequisites" ADD CONSTRAINT "plan_module_prerequisites_module_id_plan_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."plan_modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_module_prerequisites" ADD CONSTRAINT "plan_module_prerequisites_requires_module_id_plan_modules_id_fk" FOREIGN KEY ("requires_module_id") REFERENCES "public"."plan_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "olla_plan_items_olla_module_idx" ON "olla_plan_items" USING btree ("olla_id","module_id");--> statement-breakpoint
CREATE INDEX "olla_plan_items_olla_idx" ON "olla_plan_items" USING btree ("olla_id","position");--> statement-breakpoint
CREATE INDEX "olla_plan_items_module_idx" ON "olla_plan_items" USING btree ("module_id","status");--> statement-breakpoint
CREATE INDEX "plan_module_prerequisites_requires_idx" ON "plan_module_prerequisites" USING btree ("requires_module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_modules_code_idx" ON "plan_modules" USING btree ("code");