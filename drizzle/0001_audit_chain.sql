-- The audit log is append-only and hash-chained. See src/platform/audit/ for the reasons.

-- The canonical text of an audit row: every column, as a JSON array (each value escaped and
-- delimited, NULL distinct from any text), in fixed formats independent of session settings.
CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(
    r.id,
    r.lane,
    r.seq,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_user_id,
    r.actor_token_id,
    r.actor_label,
    r.organization_id,
    r.action,
    r.outcome,
    r.participant_ids,
    r.target_type,
    r.target_id,
    r.details,
    r.ip,
    r.user_agent,
    r.request_id
  )::text
$$;
--> statement-breakpoint
INSERT INTO audit_chain (lane, seq, hash)
SELECT lane, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
FROM generate_series(0, 7) AS lane;
--> statement-breakpoint
-- Each backend writes to one of 8 lanes, so concurrent transactions rarely wait for each other.
-- The lane's head row stays locked until the transaction ends, which keeps each lane gap-free.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
BEGIN
  NEW.lane := pg_backend_pid() % 8;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain WHERE lane = NEW.lane FOR UPDATE;
  NEW.seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := sha256(head_hash || convert_to(audit_log_canonical(NEW), 'UTF8'));
  UPDATE audit_chain SET seq = NEW.seq, hash = NEW.hash WHERE lane = NEW.lane;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % is not allowed on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
--> statement-breakpoint
-- Administrators must use two-step sign-in unless an administrator decides otherwise.
INSERT INTO security_settings (id, mfa_required_roles) VALUES (true, '{admin}');
