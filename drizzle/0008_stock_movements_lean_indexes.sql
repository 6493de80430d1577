ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_reverses_unique";--> statement-breakpoint
DROP INDEX "stock_movements_olla_created_idx";--> statement-breakpoint
DROP INDEX "stock_movements_source_idx";--> statement-breakpoint
DROP INDEX "stock_movements_transfer_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_one_reversal" ON "stock_movements" USING btree ("reverses_id") WHERE "stock_movements"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_movements_olla_id_idx" ON "stock_movements" USING btree ("olla_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stock_movements_source_idx" ON "stock_movements" USING btree ("source_id") WHERE "stock_movements"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_movements_transfer_idx" ON "stock_movements" USING btree ("transfer_id") WHERE "stock_movements"."transfer_id" is not null;