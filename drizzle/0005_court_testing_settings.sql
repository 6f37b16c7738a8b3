CREATE TABLE "court_testing_settings" (
	"court_id" uuid PRIMARY KEY NOT NULL,
	"report_within_hours" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "court_testing_settings" ADD CONSTRAINT "court_testing_settings_court_id_organizations_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_testing_settings" ADD CONSTRAINT "court_testing_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;