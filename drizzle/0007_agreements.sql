CREATE TABLE "agreement_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"wording" jsonb NOT NULL,
	"monitored_by" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"frequency" text DEFAULT '' NOT NULL,
	"from_phase" integer,
	"sanctioned" boolean DEFAULT false NOT NULL,
	"substances" jsonb,
	"excepts_prescribed" boolean DEFAULT true NOT NULL,
	"medication" jsonb,
	"check" jsonb NOT NULL,
	CONSTRAINT "agreement_conditions_kind_check" CHECK ("agreement_conditions"."kind" IN ('treatment_attendance', 'testing', 'court_appearance', 'supervision_contact', 'no_new_offense', 'abstinence', 'medication', 'other'))
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"language" text NOT NULL,
	"acknowledged_on" date,
	"witnessed_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'enrollment' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "agreements_status_check" CHECK ("agreements"."status" IN ('draft', 'acknowledged', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "agreement_conditions" ADD CONSTRAINT "agreement_conditions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_witnessed_by_users_id_fk" FOREIGN KEY ("witnessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_conditions_position_idx" ON "agreement_conditions" USING btree ("agreement_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_version_idx" ON "agreements" USING btree ("enrollment_id","version");--> statement-breakpoint
CREATE INDEX "agreements_participant_idx" ON "agreements" USING btree ("participant_id","occurred_at","entered_at","id");