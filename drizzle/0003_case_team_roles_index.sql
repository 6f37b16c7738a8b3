DROP INDEX "case_team_user_idx";--> statement-breakpoint
CREATE INDEX "case_team_user_idx" ON "case_team_members" USING btree ("user_id","participant_id") WHERE "case_team_members"."ended_on" IS NULL;