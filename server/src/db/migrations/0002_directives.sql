CREATE TABLE "directive_item_units" (
	"tenant_id" text NOT NULL,
	"item_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "directive_item_units_tenant_id_item_id_unit_id_pk" PRIMARY KEY("tenant_id","item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "directive_items" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"directive_id" text NOT NULL,
	"position" integer NOT NULL,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"deadline" date,
	"deadline_kind" text,
	"recurrence" jsonb,
	"span" jsonb,
	CONSTRAINT "directive_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "directive_items_ref_uq" UNIQUE("tenant_id","directive_id","ref")
);
--> statement-breakpoint
CREATE TABLE "directives" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"number" text,
	"document_type" text NOT NULL,
	"issuer_unit_id" text,
	"issuer_name" text,
	"signer_name" text,
	"signer_title" text,
	"signer_folded" text,
	"place" text,
	"issued_on" date,
	"subject" text NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"search_folded" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "directives_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"tenant_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"position" integer NOT NULL,
	"unit_id" text,
	"person_name" text,
	"attendance" text NOT NULL,
	"delegate_name" text,
	"absence_reason" text,
	CONSTRAINT "meeting_attendees_tenant_id_meeting_id_position_pk" PRIMARY KEY("tenant_id","meeting_id","position")
);
--> statement-breakpoint
CREATE TABLE "meeting_conclusion_units" (
	"tenant_id" text NOT NULL,
	"conclusion_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "meeting_conclusion_units_tenant_id_conclusion_id_unit_id_pk" PRIMARY KEY("tenant_id","conclusion_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_conclusions" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"position" integer NOT NULL,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"deadline" date,
	CONSTRAINT "meeting_conclusions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meeting_conclusions_ref_uq" UNIQUE("tenant_id","meeting_id","ref")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"title_folded" text NOT NULL,
	"chair_user_id" text,
	"chair_name" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"location" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"tenant_id" text NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT 'attachment' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_tenant_id_owner_type_owner_id_sha256_pk" PRIMARY KEY("tenant_id","owner_type","owner_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"tenant_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"original_name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_tenant_id_sha256_pk" PRIMARY KEY("tenant_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "directive_item_units" ADD CONSTRAINT "directive_item_units_tenant_id_item_id_directive_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."directive_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_item_units" ADD CONSTRAINT "directive_item_units_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_items" ADD CONSTRAINT "directive_items_tenant_id_directive_id_directives_tenant_id_id_fk" FOREIGN KEY ("tenant_id","directive_id") REFERENCES "public"."directives"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_tenant_id_issuer_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","issuer_unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_conclusion_units" ADD CONSTRAINT "meeting_conclusion_units_tenant_id_conclusion_id_meeting_conclusions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","conclusion_id") REFERENCES "public"."meeting_conclusions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_conclusion_units" ADD CONSTRAINT "meeting_conclusion_units_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_conclusions" ADD CONSTRAINT "meeting_conclusions_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_chair_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","chair_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_tenant_id_sha256_files_tenant_id_sha256_fk" FOREIGN KEY ("tenant_id","sha256") REFERENCES "public"."files"("tenant_id","sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directive_item_units_unit_idx" ON "directive_item_units" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "directives_issued_idx" ON "directives" USING btree ("tenant_id","issued_on");--> statement-breakpoint
CREATE INDEX "directives_issuer_idx" ON "directives" USING btree ("tenant_id","issuer_unit_id");--> statement-breakpoint
CREATE INDEX "meeting_conclusion_units_unit_idx" ON "meeting_conclusion_units" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "meetings_held_idx" ON "meetings" USING btree ("tenant_id","held_at");--> statement-breakpoint
CREATE INDEX "attachments_file_idx" ON "attachments" USING btree ("tenant_id","sha256");