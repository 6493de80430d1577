CREATE TABLE "dashboard_stock_balance" (
	"olla_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"balance" numeric(16, 3) NOT NULL,
	CONSTRAINT "dashboard_stock_balance_olla_id_item_id_pk" PRIMARY KEY("olla_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "dashboard_stock_balance" ADD CONSTRAINT "dashboard_stock_balance_olla_id_ollas_id_fk" FOREIGN KEY ("olla_id") REFERENCES "public"."ollas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_stock_balance_item_idx" ON "dashboard_stock_balance" USING btree ("item_id");