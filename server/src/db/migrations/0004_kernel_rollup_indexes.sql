DROP INDEX "work_item_rollups_kind_idx";--> statement-breakpoint
CREATE INDEX "work_item_rollups_period_idx" ON "work_item_rollups" USING btree ("tenant_id","period","kind");--> statement-breakpoint
CREATE INDEX "work_item_rollups_open_idx" ON "work_item_rollups" USING btree ("tenant_id","period") WHERE "work_item_rollups"."open_within" <> 0 or "work_item_rollups"."open_overdue" <> 0;