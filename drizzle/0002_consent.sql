CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_outcome" text,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "consent_revocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"user_id" uuid,
	"role" text,
	"requested_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_revocations_scope_check" CHECK (("consent_revocations"."scope" = 'whole' AND "consent_revocations"."user_id" IS NULL AND "consent_revocations"."role" IS NULL) OR ("consent_revocations"."scope" = 'user' AND "consent_revocations"."user_id" IS NOT NULL) OR ("consent_revocations"."scope" = 'role' AND "consent_revocations"."role" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "consent_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"disclosing_org_ids" uuid[] NOT NULL,
	"recipient_roles" text[] NOT NULL,
	"allowed_classes" text[] NOT NULL,
	"excluded_classes" text[] DEFAULT '{}' NOT NULL,
	"purposes" text[] NOT NULL,
	"description_en" text NOT NULL,
	"description_es" text NOT NULL,
	"duration_months" integer,
	"expiry_event" text,
	"revocable_after_event" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"template_id" uuid,
	"disclosing_org_ids" uuid[] NOT NULL,
	"recipient_user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"recipient_roles" text[] DEFAULT '{}' NOT NULL,
	"allowed_classes" text[] NOT NULL,
	"excluded_classes" text[] DEFAULT '{}' NOT NULL,
	"records_from" timestamp with time zone,
	"records_to" timestamp with time zone,
	"description" text NOT NULL,
	"purposes" text[] NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"expiry_event" text,
	"expiry_event_occurred_at" timestamp with time zone,
	"revocable_after_at" timestamp with time zone,
	"revocable_after_event" text,
	"revocable_after_event_occurred_at" timestamp with time zone,
	"language" text NOT NULL,
	"wording_version" text NOT NULL,
	"signed_at" timestamp with time zone,
	"signers" jsonb DEFAULT '[]' NOT NULL,
	"signature_image" "bytea",
	"attested_by" uuid,
	"document" "bytea",
	"document_sha256" text,
	"signed_copy" "bytea",
	"signed_copy_type" text,
	"signed_copy_sha256" text,
	"supersedes_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_kind_check" CHECK ("consents"."kind" IN ('general', 'tpo', 'criminal_justice', 'legal_proceedings', 'counseling_notes')),
	CONSTRAINT "consents_status_check" CHECK ("consents"."status" IN ('draft', 'active', 'revocation_requested', 'revoked')),
	CONSTRAINT "consents_signed_check" CHECK ("consents"."status" = 'draft' OR "consents"."signed_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "court_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"issuing_court" text NOT NULL,
	"reference" text NOT NULL,
	"scope" text NOT NULL,
	"data_classes" text[] NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"data_classes" text[] NOT NULL,
	"recipient_user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"recipient_roles" text[] DEFAULT '{}' NOT NULL,
	"request" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipient_user_id" uuid,
	"recipient_label" text NOT NULL,
	"recipient_org_id" uuid,
	"purpose" text NOT NULL,
	"basis" text NOT NULL,
	"consent_id" uuid,
	"consent_version" integer,
	"court_order_id" uuid,
	"break_glass_id" uuid,
	"data_classes" text[] NOT NULL,
	"custodian_org_ids" uuid[] NOT NULL,
	"record_count" integer NOT NULL,
	"channel" text NOT NULL,
	"request_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"body" text NOT NULL,
	"custodian_org_id" uuid NOT NULL,
	"data_class" text DEFAULT 'clinical_note' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by" uuid,
	CONSTRAINT "treatment_notes_class_check" CHECK ("treatment_notes"."data_class" IN ('clinical_note', 'counseling_note'))
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_check";--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_template_id_consent_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."consent_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_attested_by_users_id_fk" FOREIGN KEY ("attested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_orders" ADD CONSTRAINT "court_orders_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_orders" ADD CONSTRAINT "court_orders_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_restrictions" ADD CONSTRAINT "disclosure_restrictions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_restrictions" ADD CONSTRAINT "disclosure_restrictions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_restrictions" ADD CONSTRAINT "disclosure_restrictions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recipient_org_id_organizations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_court_order_id_court_orders_id_fk" FOREIGN KEY ("court_order_id") REFERENCES "public"."court_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_break_glass_id_break_glass_grants_id_fk" FOREIGN KEY ("break_glass_id") REFERENCES "public"."break_glass_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_notes" ADD CONSTRAINT "treatment_notes_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_notes" ADD CONSTRAINT "treatment_notes_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_notes" ADD CONSTRAINT "treatment_notes_custodian_org_id_organizations_id_fk" FOREIGN KEY ("custodian_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_notes" ADD CONSTRAINT "treatment_notes_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_participant_idx" ON "break_glass_grants" USING btree ("participant_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_unreviewed_idx" ON "break_glass_grants" USING btree ("starts_at") WHERE "break_glass_grants"."reviewed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "consent_revocations_consent_idx" ON "consent_revocations" USING btree ("consent_id");--> statement-breakpoint
CREATE INDEX "consent_revocations_participant_idx" ON "consent_revocations" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "consent_templates_program_idx" ON "consent_templates" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "consents_participant_idx" ON "consents" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consents_series_version_idx" ON "consents" USING btree ("series_id","version");--> statement-breakpoint
CREATE INDEX "court_orders_participant_idx" ON "court_orders" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "disclosure_restrictions_participant_idx" ON "disclosure_restrictions" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "disclosures_participant_idx" ON "disclosures" USING btree ("participant_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "treatment_notes_participant_idx" ON "treatment_notes" USING btree ("participant_id","occurred_at");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" IN ('admin', 'judge', 'coordinator', 'treatment_provider', 'probation_officer', 'case_manager', 'peer_specialist', 'defense_attorney', 'prosecutor', 'privacy_officer', 'evaluator'));--> statement-breakpoint
-- A signed consent is immutable: after signing only its status and the recorded occurrence of its
-- events change; a change of content is a new version. Only drafts can be deleted.
CREATE FUNCTION consents_signed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lifecycle text[] := ARRAY['status', 'expiry_event_occurred_at', 'revocable_after_event_occurred_at', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'a signed consent cannot be deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (to_jsonb(NEW) - lifecycle) IS DISTINCT FROM (to_jsonb(OLD) - lifecycle) THEN
    RAISE EXCEPTION 'a signed consent cannot be changed; make a new version' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.status = 'draft' AND OLD.status <> 'draft' THEN
    RAISE EXCEPTION 'a signed consent cannot return to draft' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER consents_signed_immutable BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION consents_signed_immutable();--> statement-breakpoint
-- The accounting of disclosures and revocation requests are append-only, like the audit log.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
  FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER disclosures_no_truncate BEFORE TRUNCATE ON disclosures
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_revocations_append_only BEFORE UPDATE OR DELETE ON consent_revocations
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
