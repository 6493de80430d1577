CREATE TABLE "dashboard_cooked_window" (
	"olla_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"quantity" numeric(16, 3) NOT NULL,
	CONSTRAINT "dashboard_cooked_window_olla_id_item_id_pk" PRIMARY KEY("olla_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_dependency_olla" (
	"olla_id" uuid PRIMARY KEY NOT NULL,
	"total" double precision NOT NULL,
	"institutional" double precision NOT NULL,
	"own" double precision NOT NULL,
	"top_source" uuid,
	"top_share" double precision NOT NULL,
	"hhi" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_inflow_window" (
	"olla_id" uuid NOT NULL,
	"kind" smallint NOT NULL,
	"source_key" uuid NOT NULL,
	"kg" numeric(20, 7) NOT NULL,
	CONSTRAINT "dashboard_inflow_window_olla_id_kind_source_key_pk" PRIMARY KEY("olla_id","kind","source_key"),
	CONSTRAINT "dashboard_inflow_window_kind" CHECK ("dashboard_inflow_window"."kind" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "dashboard_needs_area" (
	"zone_id" uuid NOT NULL,
	"district_ubigeo" varchar(6) NOT NULL,
	"category" "need_category" NOT NULL,
	"urgency" text NOT NULL,
	"needs" integer NOT NULL,
	"ollas" integer NOT NULL,
	CONSTRAINT "dashboard_needs_area_zone_id_district_ubigeo_category_urgency_pk" PRIMARY KEY("zone_id","district_ubigeo","category","urgency"),
	CONSTRAINT "dashboard_needs_area_urgency" CHECK ("dashboard_needs_area"."urgency" in ('low', 'medium', 'high', 'critical', 'all'))
);
--> statement-breakpoint
CREATE TABLE "dashboard_window_meta" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"as_of" date NOT NULL,
	CONSTRAINT "dashboard_window_meta_single_row" CHECK ("dashboard_window_meta"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "dashboard_cooked_window" ADD CONSTRAINT "dashboard_cooked_window_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_dependency_olla" ADD CONSTRAINT "dashboard_dependency_olla_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_inflow_window" ADD CONSTRAINT "dashboard_inflow_window_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_needs_area" ADD CONSTRAINT "dashboard_needs_area_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_needs_area" ADD CONSTRAINT "dashboard_needs_area_district_ubigeo_districts_ubigeo_fk" FOREIGN KEY ("district_ubigeo") REFERENCES "public"."districts"("ubigeo") ON DELETE no action ON UPDATE no action;