CREATE TABLE "alignment_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"finding_key" text NOT NULL,
	"rule" text NOT NULL,
	"choice" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'treatment_plan' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "goal_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"difficulty" text,
	"status" text,
	"note" text DEFAULT '' NOT NULL,
	"indicator" integer,
	"met" boolean,
	"observed_on" date,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_events_kind_check" CHECK ("goal_events"."kind" IN ('classified', 'status', 'progress', 'observed'))
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"owner" text NOT NULL,
	"words" text NOT NULL,
	"language" text NOT NULL,
	"spectrum" text,
	"substances" jsonb,
	"life_area" text NOT NULL,
	"difficulty" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"target_on" date,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'treatment_plan' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "goals_owner_check" CHECK ("goals"."owner" IN ('participant', 'provider', 'mandate')),
	CONSTRAINT "goals_spectrum_check" CHECK ("goals"."spectrum" IS NULL OR "goals"."spectrum" IN ('safer_practices', 'risk_reduction', 'abstinence')),
	CONSTRAINT "goals_life_area_check" CHECK ("goals"."life_area" IN ('substance_use', 'health', 'housing', 'employment_education', 'family', 'legal', 'recovery_capital')),
	CONSTRAINT "goals_difficulty_check" CHECK ("goals"."difficulty" IN ('proximal', 'distal')),
	CONSTRAINT "goals_status_check" CHECK ("goals"."status" IN ('active', 'met', 'set_aside'))
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text DEFAULT '' NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_steps_actor_check" CHECK ("plan_steps"."actor" IN ('participant', 'counselor', 'case_manager', 'peer', 'natural_support')),
	CONSTRAINT "plan_steps_status_check" CHECK ("plan_steps"."status" IN ('open', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "treatment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"supports" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'treatment_plan' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "instrument_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"instrument" text NOT NULL,
	"version" text NOT NULL,
	"completed_on" date NOT NULL,
	"respondent" text NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" jsonb,
	"external_result" text,
	"note" text DEFAULT '' NOT NULL,
	"safety_prompt" text DEFAULT 'none' NOT NULL,
	"safety_follow_up_by" uuid,
	"safety_follow_up_at" timestamp with time zone,
	"safety_follow_up_note" text,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'diagnosis' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "instrument_responses_instrument_check" CHECK ("instrument_responses"."instrument" IN ('barc10', 'readiness_ruler', 'phq9', 'gad7', 'rant')),
	CONSTRAINT "instrument_responses_respondent_check" CHECK ("instrument_responses"."respondent" IN ('participant', 'staff_read'))
);
--> statement-breakpoint
ALTER TABLE "alignment_decisions" ADD CONSTRAINT "alignment_decisions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alignment_decisions" ADD CONSTRAINT "alignment_decisions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alignment_decisions" ADD CONSTRAINT "alignment_decisions_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alignment_decisions" ADD CONSTRAINT "alignment_decisions_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_events" ADD CONSTRAINT "goal_events_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_events" ADD CONSTRAINT "goal_events_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_responses" ADD CONSTRAINT "instrument_responses_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_responses" ADD CONSTRAINT "instrument_responses_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_responses" ADD CONSTRAINT "instrument_responses_safety_follow_up_by_users_id_fk" FOREIGN KEY ("safety_follow_up_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_responses" ADD CONSTRAINT "instrument_responses_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_responses" ADD CONSTRAINT "instrument_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alignment_decisions_participant_idx" ON "alignment_decisions" USING btree ("participant_id","finding_key");--> statement-breakpoint
CREATE INDEX "goal_events_goal_idx" ON "goal_events" USING btree ("goal_id","entered_at");--> statement-breakpoint
CREATE INDEX "goals_participant_idx" ON "goals" USING btree ("participant_id","occurred_at","entered_at","id");--> statement-breakpoint
CREATE INDEX "plan_steps_goal_idx" ON "plan_steps" USING btree ("goal_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_plans_holder_idx" ON "treatment_plans" USING btree ("enrollment_id","custodian_org_id");--> statement-breakpoint
CREATE INDEX "treatment_plans_participant_idx" ON "treatment_plans" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "instrument_responses_participant_idx" ON "instrument_responses" USING btree ("participant_id","occurred_at","entered_at","id");