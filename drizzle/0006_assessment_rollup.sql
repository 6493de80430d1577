CREATE TABLE "assessment_rollup" (
	"zone_id" uuid NOT NULL,
	"district_ubigeo" varchar(6) NOT NULL,
	"category" "problem_category" NOT NULL,
	"month" date NOT NULL,
	"level" smallint NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "assessment_rollup_zone_id_district_ubigeo_category_month_level_pk" PRIMARY KEY("zone_id","district_ubigeo","category","month","level"),
	CONSTRAINT "assessment_rollup_level_range" CHECK ("assessment_rollup"."level" between 0 and 3),
	CONSTRAINT "assessment_rollup_month_start" CHECK (extract(day from "assessment_rollup"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "assessment_rollup" ADD CONSTRAINT "assessment_rollup_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rollup" ADD CONSTRAINT "assessment_rollup_district_ubigeo_districts_ubigeo_fk" FOREIGN KEY ("district_ubigeo") REFERENCES "public"."districts"("ubigeo") ON DELETE no action ON UPDATE no action;