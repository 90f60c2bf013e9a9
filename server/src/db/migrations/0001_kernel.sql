CREATE TABLE "calendar_schedules" (
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"schedule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_schedules_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"recipient_id" text NOT NULL,
	"item_id" text,
	"item_kind" text,
	"kind" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_item_events" (
	"tenant_id" text NOT NULL,
	"item_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"request_id" text,
	CONSTRAINT "work_item_events_tenant_id_item_id_seq_pk" PRIMARY KEY("tenant_id","item_id","seq")
);
--> statement-breakpoint
CREATE TABLE "work_item_rollups" (
	"tenant_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"completed_early" integer DEFAULT 0 NOT NULL,
	"completed_on_time" integer DEFAULT 0 NOT NULL,
	"completed_late" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"open_within" integer DEFAULT 0 NOT NULL,
	"open_overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_item_rollups_tenant_id_unit_id_kind_period_pk" PRIMARY KEY("tenant_id","unit_id","kind","period")
);
--> statement-breakpoint
CREATE TABLE "work_item_units" (
	"tenant_id" text NOT NULL,
	"item_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "work_item_units_tenant_id_item_id_unit_id_pk" PRIMARY KEY("tenant_id","item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "work_items" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"owner_unit_id" text NOT NULL,
	"assignee_id" text,
	"created_by" text,
	"clock" jsonb,
	"due_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"paused_since" timestamp with time zone,
	"outcome" text,
	"overdue" boolean DEFAULT false NOT NULL,
	"counters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_schedules" ADD CONSTRAINT "calendar_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_recipient_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recipient_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_item_id_work_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."work_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_item_events" ADD CONSTRAINT "work_item_events_tenant_id_item_id_work_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."work_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_item_rollups" ADD CONSTRAINT "work_item_rollups_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_item_units" ADD CONSTRAINT "work_item_units_tenant_id_item_id_work_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."work_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_item_units" ADD CONSTRAINT "work_item_units_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_tenant_id_owner_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_tenant_id_assignee_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assignee_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key_uq" ON "jobs" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("tenant_id","run_at") WHERE "jobs"."done_at" is null and "jobs"."failed_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("tenant_id","recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("tenant_id","recipient_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "work_item_events_dedupe_uq" ON "work_item_events" USING btree ("tenant_id","dedupe_key") WHERE "work_item_events"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "work_item_rollups_kind_idx" ON "work_item_rollups" USING btree ("tenant_id","kind","period");--> statement-breakpoint
CREATE INDEX "work_item_units_unit_idx" ON "work_item_units" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "work_items_owner_idx" ON "work_items" USING btree ("tenant_id","owner_unit_id","kind");--> statement-breakpoint
CREATE INDEX "work_items_assignee_open_idx" ON "work_items" USING btree ("tenant_id","assignee_id") WHERE "work_items"."stopped_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_due_open_idx" ON "work_items" USING btree ("tenant_id","due_at") WHERE "work_items"."stopped_at" is null;