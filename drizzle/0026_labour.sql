CREATE TYPE "public"."cargo_kind" AS ENUM('presidenta', 'tesorera', 'almacenera', 'delegada_red', 'other');--> statement-breakpoint
CREATE TYPE "public"."shift_task" AS ENUM('cooking', 'purchasing', 'cleaning', 'distribution', 'firewood_water', 'accounts');--> statement-breakpoint
CREATE TABLE "cargo_apoyos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"cargo_id" uuid NOT NULL,
	"socia_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cargo_apoyos_ends_after_start" CHECK ("cargo_apoyos"."ended_on" is null or "cargo_apoyos"."ended_on" >= "cargo_apoyos"."started_on")
);
--> statement-breakpoint
CREATE TABLE "cargo_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"cargo_id" uuid NOT NULL,
	"cargo_seq" bigint NOT NULL,
	"seat" smallint DEFAULT 1 NOT NULL,
	"socia_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cargo_terms_ends_after_start" CHECK ("cargo_terms"."ends_on" is null or "cargo_terms"."ends_on" > "cargo_terms"."starts_on"),
	CONSTRAINT "cargo_terms_seat_range" CHECK ("cargo_terms"."seat" between 1 and 6),
	CONSTRAINT "cargo_terms_date_range" CHECK ("cargo_terms"."starts_on" >= '1970-01-01')
);
--> statement-breakpoint
CREATE TABLE "cargos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "cargos_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"olla_id" uuid NOT NULL,
	"kind" "cargo_kind" NOT NULL,
	"label" text,
	"seats" smallint DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cargos_id_olla_seq" UNIQUE("id","olla_id","seq"),
	CONSTRAINT "cargos_id_olla" UNIQUE("id","olla_id"),
	CONSTRAINT "cargos_label_when_other" CHECK (("cargos"."kind" = 'other') = ("cargos"."label" is not null)),
	CONSTRAINT "cargos_label_length" CHECK (char_length("cargos"."label") between 2 and 60),
	CONSTRAINT "cargos_label_clean" CHECK ("cargos"."label" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]'),
	CONSTRAINT "cargos_seats_range" CHECK ("cargos"."seats" between 1 and 6)
);
--> statement-breakpoint
CREATE TABLE "minimum_wages" (
	"valid_from" date PRIMARY KEY NOT NULL,
	"monthly_cents" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minimum_wages_range" CHECK ("minimum_wages"."monthly_cents" between 50000 and 1000000),
	CONSTRAINT "minimum_wages_date_range" CHECK ("minimum_wages"."valid_from" >= '2000-01-01')
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"worked_on" date NOT NULL,
	"task" "shift_task" NOT NULL,
	"people" smallint NOT NULL,
	"hours" numeric(7, 2) NOT NULL,
	"rations" integer,
	"names" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shifts_people_range" CHECK ("shifts"."people" between 1 and 200),
	CONSTRAINT "shifts_hours_range" CHECK ("shifts"."hours" > 0 and "shifts"."hours" <= "shifts"."people" * 24),
	CONSTRAINT "shifts_rations_range" CHECK ("shifts"."rations" is null or "shifts"."rations" between 0 and 20000),
	CONSTRAINT "shifts_date_range" CHECK ("shifts"."worked_on" >= '2000-01-01'),
	CONSTRAINT "shifts_names_length" CHECK (char_length("shifts"."names") <= 300)
);
--> statement-breakpoint
CREATE TABLE "socias" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"olla_id" uuid NOT NULL,
	"name" text NOT NULL,
	"joined_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "socias_id_olla" UNIQUE("id","olla_id"),
	CONSTRAINT "socias_name_length" CHECK (char_length("socias"."name") between 2 and 80),
	CONSTRAINT "socias_name_clean" CHECK ("socias"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]'),
	CONSTRAINT "socias_joined_range" CHECK ("socias"."joined_on" >= '1970-01-01')
);
--> statement-breakpoint
ALTER TABLE "cargo_apoyos" ADD CONSTRAINT "cargo_apoyos_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_apoyos" ADD CONSTRAINT "cargo_apoyos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_apoyos" ADD CONSTRAINT "cargo_apoyos_cargo_fk" FOREIGN KEY ("cargo_id","olla_id") REFERENCES "public"."cargos"("id","olla_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_apoyos" ADD CONSTRAINT "cargo_apoyos_socia_fk" FOREIGN KEY ("socia_id","olla_id") REFERENCES "public"."socias"("id","olla_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_terms" ADD CONSTRAINT "cargo_terms_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_terms" ADD CONSTRAINT "cargo_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_terms" ADD CONSTRAINT "cargo_terms_cargo_fk" FOREIGN KEY ("cargo_id","olla_id","cargo_seq") REFERENCES "public"."cargos"("id","olla_id","seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargo_terms" ADD CONSTRAINT "cargo_terms_socia_fk" FOREIGN KEY ("socia_id","olla_id") REFERENCES "public"."socias"("id","olla_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargos" ADD CONSTRAINT "cargos_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cargos" ADD CONSTRAINT "cargos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minimum_wages" ADD CONSTRAINT "minimum_wages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "socias" ADD CONSTRAINT "socias_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "socias" ADD CONSTRAINT "socias_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cargo_apoyos_one_open" ON "cargo_apoyos" USING btree ("cargo_id","socia_id") WHERE "cargo_apoyos"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "cargo_apoyos_olla_idx" ON "cargo_apoyos" USING btree ("olla_id");--> statement-breakpoint
CREATE INDEX "cargo_terms_olla_idx" ON "cargo_terms" USING btree ("olla_id","cargo_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cargos_olla_kind_unique" ON "cargos" USING btree ("olla_id","kind") WHERE "cargos"."kind" <> 'other';--> statement-breakpoint
CREATE UNIQUE INDEX "cargos_olla_label_unique" ON "cargos" USING btree ("olla_id",lower("label")) WHERE "cargos"."kind" = 'other';--> statement-breakpoint
CREATE INDEX "cargos_olla_idx" ON "cargos" USING btree ("olla_id");--> statement-breakpoint
CREATE INDEX "shifts_olla_day_idx" ON "shifts" USING btree ("olla_id","worked_on");--> statement-breakpoint
CREATE INDEX "shifts_day_idx" ON "shifts" USING btree ("worked_on");--> statement-breakpoint
CREATE INDEX "socias_olla_idx" ON "socias" USING btree ("olla_id");