CREATE TABLE "task_series" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"source_kind" text NOT NULL,
	"directive_id" text,
	"directive_item_id" text,
	"meeting_id" text,
	"conclusion_id" text,
	"assigner_id" text NOT NULL,
	"lead_unit_id" text NOT NULL,
	"support_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assignee_id" text,
	"priority" text DEFAULT 'normal' NOT NULL,
	"recurrence" jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_period" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "task_series_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"series_id" text,
	"period" text,
	"source_kind" text NOT NULL,
	"directive_id" text,
	"directive_item_id" text,
	"meeting_id" text,
	"conclusion_id" text,
	"content" text DEFAULT '' NOT NULL,
	"search_folded" text NOT NULL,
	"assigner_id" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"deadline" jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"progress_percent" integer DEFAULT 0 NOT NULL,
	"progress_text" text,
	"last_progress_at" timestamp with time zone,
	"pending_extension" jsonb,
	"result" jsonb,
	"at_risk_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tasks_series_period_uq" UNIQUE("tenant_id","series_id","period")
);
--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_assigner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assigner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_lead_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lead_unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_assignee_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assignee_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_directive_id_directives_tenant_id_id_fk" FOREIGN KEY ("tenant_id","directive_id") REFERENCES "public"."directives"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_series" ADD CONSTRAINT "task_series_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_id_work_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","id") REFERENCES "public"."work_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_series_id_task_series_tenant_id_id_fk" FOREIGN KEY ("tenant_id","series_id") REFERENCES "public"."task_series"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_assigner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assigner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_directive_id_directives_tenant_id_id_fk" FOREIGN KEY ("tenant_id","directive_id") REFERENCES "public"."directives"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_assigner_idx" ON "tasks" USING btree ("tenant_id","assigner_id");--> statement-breakpoint
CREATE INDEX "tasks_directive_idx" ON "tasks" USING btree ("tenant_id","directive_id") WHERE "tasks"."directive_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_meeting_idx" ON "tasks" USING btree ("tenant_id","meeting_id") WHERE "tasks"."meeting_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_at_risk_idx" ON "tasks" USING btree ("tenant_id","at_risk_at") WHERE "tasks"."at_risk_at" is not null;