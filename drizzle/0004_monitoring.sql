CREATE TABLE "attendance_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"duration_minutes" integer,
	"outcome" text DEFAULT 'scheduled' NOT NULL,
	"self_reported" boolean DEFAULT false NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"note" text,
	"rescheduled_to" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'attendance' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "attendance_kind_check" CHECK ("attendance_events"."kind" IN ('treatment_individual', 'treatment_group', 'intensive_outpatient', 'residential_day', 'court_hearing', 'probation_appointment', 'peer_support', 'mutual_aid')),
	CONSTRAINT "attendance_outcome_check" CHECK ("attendance_events"."outcome" IN ('scheduled', 'attended', 'late', 'excused', 'missed', 'rescheduled'))
);
--> statement-breakpoint
CREATE TABLE "hl7_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lab_id" uuid,
	"sending_facility" text,
	"control_id" text,
	"message_type" text,
	"transport" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"raw" text NOT NULL,
	"status" text NOT NULL,
	"ack_code" text NOT NULL,
	"error" text,
	"test_ids" uuid[] DEFAULT '{}' NOT NULL,
	"received_by" text,
	CONSTRAINT "hl7_messages_status_check" CHECK ("hl7_messages"."status" IN ('processed', 'partly_processed', 'review', 'rejected', 'duplicate'))
);
--> statement-breakpoint
CREATE TABLE "lab_code_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lab_id" uuid NOT NULL,
	"code" text NOT NULL,
	"target" text NOT NULL,
	"analyte" text,
	"substance_group" text,
	"stage" text,
	"display" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_code_mappings_target_check" CHECK ("lab_code_mappings"."target" IN ('result', 'creatinine', 'specific_gravity', 'ph', 'oxidants', 'specimen_validity', 'ignore')),
	CONSTRAINT "lab_code_mappings_analyte_check" CHECK (("lab_code_mappings"."target" = 'result') = ("lab_code_mappings"."analyte" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "lab_review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"detail" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"test_id" uuid,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_review_items_reason_check" CHECK ("lab_review_items"."reason" IN ('unmatched_specimen', 'unmapped_code', 'unknown_lab', 'result_conflict'))
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sending_facility" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "continuity_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"expected_days" integer,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'medication' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "continuity_events_kind_check" CHECK ("continuity_events"."kind" IN ('custody_admission', 'custody_release', 'residential_discharge', 'hospital_discharge', 'withdrawal_management_discharge'))
);
--> statement-breakpoint
CREATE TABLE "dose_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prescription_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'medication' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "dose_records_status_check" CHECK ("dose_records"."status" IN ('taken', 'missed', 'held'))
);
--> statement-breakpoint
CREATE TABLE "prescriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"medication" text NOT NULL,
	"product_name" text DEFAULT '' NOT NULL,
	"dose" text DEFAULT '' NOT NULL,
	"covers" text[] DEFAULT '{}' NOT NULL,
	"prescriber" text NOT NULL,
	"dispenser" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"stop_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'medication' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "prescriptions_medication_check" CHECK ("prescriptions"."medication" IN ('methadone', 'buprenorphine', 'buprenorphine_naloxone', 'buprenorphine_extended_release', 'naltrexone', 'naltrexone_extended_release', 'benzodiazepine', 'stimulant', 'other_psychiatric', 'opioid_analgesic', 'oxycodone', 'tramadol', 'fentanyl_analgesic', 'barbiturate', 'dronabinol', 'other')),
	CONSTRAINT "prescriptions_dates_check" CHECK ("prescriptions"."ended_on" IS NULL OR "prescriptions"."ended_on" >= "prescriptions"."started_on")
);
--> statement-breakpoint
CREATE TABLE "court_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"court_id" uuid NOT NULL,
	"on" date NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drug_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"draw_id" uuid,
	"specimen_type" text NOT NULL,
	"notified_at" timestamp with time zone,
	"report_by" timestamp with time zone,
	"collection" text DEFAULT 'scheduled' NOT NULL,
	"collected_at" timestamp with time zone,
	"collector" text,
	"observed" boolean,
	"observed_by" text,
	"temperature_c" double precision,
	"creatinine_mg_dl" double precision,
	"specific_gravity" double precision,
	"ph" double precision,
	"adulterant_detected" boolean,
	"reported_validity" text,
	"chain_of_custody_id" text,
	"accession_id" text,
	"lab_id" uuid,
	"confirmation_requested_at" timestamp with time zone,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"presumptive" boolean DEFAULT false NOT NULL,
	"counts_as_use" boolean DEFAULT false NOT NULL,
	"usable_for_response" boolean DEFAULT false NOT NULL,
	"interpretation" jsonb,
	"first_result_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'test_result' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "drug_tests_reason_check" CHECK ("drug_tests"."reason" IN ('random', 'for_cause', 'scheduled', 'intake')),
	CONSTRAINT "drug_tests_collection_check" CHECK ("drug_tests"."collection" IN ('scheduled', 'collected', 'missed', 'unable_to_provide', 'refused')),
	CONSTRAINT "drug_tests_outcome_check" CHECK ("drug_tests"."outcome" IN ('pending', 'negative', 'positive_unauthorized', 'positive_authorized', 'dilute', 'invalid', 'missed', 'unable_to_provide', 'refused')),
	CONSTRAINT "drug_tests_specimen_check" CHECK ("drug_tests"."specimen_type" IN ('urine', 'oral_fluid', 'breath', 'sweat_patch', 'continuous_alcohol_monitor', 'blood', 'hair')),
	CONSTRAINT "drug_tests_collected_check" CHECK ("drug_tests"."collection" <> 'collected' OR "drug_tests"."collected_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "test_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_id" uuid NOT NULL,
	"analyte" text NOT NULL,
	"substance_group" text NOT NULL,
	"stage" text NOT NULL,
	"result" text NOT NULL,
	"value" double precision,
	"unit" text,
	"cutoff" double precision,
	"method" text,
	"code" text,
	"code_system" text,
	"observed_at" timestamp with time zone,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'final' NOT NULL,
	"superseded_by" uuid,
	"message_id" uuid,
	"entered_by" uuid,
	CONSTRAINT "test_results_stage_check" CHECK ("test_results"."stage" IN ('screen', 'confirmation')),
	CONSTRAINT "test_results_result_check" CHECK ("test_results"."result" IN ('positive', 'negative', 'inconclusive'))
);
--> statement-breakpoint
CREATE TABLE "test_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"statement" text,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"finding" text,
	"note" text,
	CONSTRAINT "test_reviews_kind_check" CHECK ("test_reviews"."kind" IN ('dispute', 'carry_over'))
);
--> statement-breakpoint
CREATE TABLE "testing_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"court_id" uuid NOT NULL,
	"draw_date" date NOT NULL,
	"algorithm" text NOT NULL,
	"seed" text NOT NULL,
	"pool" jsonb NOT NULL,
	"selected_group_ids" uuid[] NOT NULL,
	"selected_plan_ids" uuid[] NOT NULL,
	"holiday" text,
	"drawn_by" uuid,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "testing_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"court_id" uuid NOT NULL,
	"name" text NOT NULL,
	"tests_per_week" double precision DEFAULT 2 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "testing_groups_frequency_check" CHECK ("testing_groups"."tests_per_week" > 0 AND "testing_groups"."tests_per_week" <= 7)
);
--> statement-breakpoint
CREATE TABLE "testing_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"method" text NOT NULL,
	"group_id" uuid,
	"tests_per_week" double precision,
	"specimen_type" text DEFAULT 'urine' NOT NULL,
	"collector_org_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "testing_plans_method_check" CHECK ("testing_plans"."method" IN ('random', 'group')),
	CONSTRAINT "testing_plans_group_check" CHECK (("testing_plans"."method" = 'group') = ("testing_plans"."group_id" IS NOT NULL)),
	CONSTRAINT "testing_plans_frequency_check" CHECK ("testing_plans"."tests_per_week" IS NULL OR ("testing_plans"."tests_per_week" > 0 AND "testing_plans"."tests_per_week" <= 7))
);
--> statement-breakpoint
CREATE TABLE "use_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"substance_groups" text[] NOT NULL,
	"used_from" date NOT NULL,
	"used_to" date,
	"statement" text DEFAULT '' NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'use_report' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid
);
--> statement-breakpoint
ALTER TABLE "phases" ADD COLUMN "tests_per_week" double precision DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hl7_messages" ADD CONSTRAINT "hl7_messages_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_code_mappings" ADD CONSTRAINT "lab_code_mappings_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_review_items" ADD CONSTRAINT "lab_review_items_message_id_hl7_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."hl7_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_review_items" ADD CONSTRAINT "lab_review_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_review_items" ADD CONSTRAINT "lab_review_items_test_id_drug_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."drug_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_review_items" ADD CONSTRAINT "lab_review_items_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labs" ADD CONSTRAINT "labs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_events" ADD CONSTRAINT "continuity_events_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_events" ADD CONSTRAINT "continuity_events_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_events" ADD CONSTRAINT "continuity_events_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_events" ADD CONSTRAINT "continuity_events_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_holidays" ADD CONSTRAINT "court_holidays_court_id_organizations_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_draw_id_testing_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."testing_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_tests" ADD CONSTRAINT "drug_tests_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_test_id_drug_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."drug_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_reviews" ADD CONSTRAINT "test_reviews_test_id_drug_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."drug_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_reviews" ADD CONSTRAINT "test_reviews_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_reviews" ADD CONSTRAINT "test_reviews_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_reviews" ADD CONSTRAINT "test_reviews_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_draws" ADD CONSTRAINT "testing_draws_court_id_organizations_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_draws" ADD CONSTRAINT "testing_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_groups" ADD CONSTRAINT "testing_groups_court_id_organizations_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_plans" ADD CONSTRAINT "testing_plans_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_plans" ADD CONSTRAINT "testing_plans_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_plans" ADD CONSTRAINT "testing_plans_group_id_testing_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."testing_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_plans" ADD CONSTRAINT "testing_plans_collector_org_id_organizations_id_fk" FOREIGN KEY ("collector_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_plans" ADD CONSTRAINT "testing_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_reports" ADD CONSTRAINT "use_reports_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_reports" ADD CONSTRAINT "use_reports_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_reports" ADD CONSTRAINT "use_reports_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_reports" ADD CONSTRAINT "use_reports_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_participant_idx" ON "attendance_events" USING btree ("participant_id","occurred_at","entered_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "hl7_messages_control_idx" ON "hl7_messages" USING btree ("sending_facility","control_id") WHERE "hl7_messages"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "hl7_messages_received_idx" ON "hl7_messages" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_code_mappings_code_idx" ON "lab_code_mappings" USING btree ("lab_id","code");--> statement-breakpoint
CREATE INDEX "lab_review_items_open_idx" ON "lab_review_items" USING btree ("organization_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "labs_facility_idx" ON "labs" USING btree ("sending_facility");--> statement-breakpoint
CREATE INDEX "continuity_events_participant_idx" ON "continuity_events" USING btree ("participant_id","occurred_at","entered_at","id");--> statement-breakpoint
CREATE INDEX "dose_records_prescription_idx" ON "dose_records" USING btree ("prescription_id","due_on");--> statement-breakpoint
CREATE INDEX "prescriptions_participant_idx" ON "prescriptions" USING btree ("participant_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "court_holidays_day_idx" ON "court_holidays" USING btree ("court_id","on");--> statement-breakpoint
CREATE INDEX "drug_tests_participant_idx" ON "drug_tests" USING btree ("participant_id","occurred_at","entered_at","id");--> statement-breakpoint
CREATE INDEX "drug_tests_enrollment_idx" ON "drug_tests" USING btree ("enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drug_tests_accession_idx" ON "drug_tests" USING btree ("accession_id");--> statement-breakpoint
CREATE INDEX "drug_tests_chain_of_custody_idx" ON "drug_tests" USING btree ("chain_of_custody_id");--> statement-breakpoint
CREATE INDEX "test_results_test_idx" ON "test_results" USING btree ("test_id");--> statement-breakpoint
CREATE INDEX "test_reviews_test_idx" ON "test_reviews" USING btree ("test_id");--> statement-breakpoint
CREATE UNIQUE INDEX "test_reviews_open_idx" ON "test_reviews" USING btree ("test_id","kind") WHERE "test_reviews"."closed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "testing_draws_day_idx" ON "testing_draws" USING btree ("court_id","draw_date");--> statement-breakpoint
CREATE UNIQUE INDEX "testing_groups_name_idx" ON "testing_groups" USING btree ("court_id","name");--> statement-breakpoint
CREATE INDEX "testing_plans_enrollment_idx" ON "testing_plans" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "use_reports_participant_idx" ON "use_reports" USING btree ("participant_id","occurred_at","entered_at","id");--> statement-breakpoint
ALTER TABLE "phases" ADD CONSTRAINT "phases_tests_per_week_check" CHECK ("phases"."tests_per_week" > 0 AND "phases"."tests_per_week" <= 7);