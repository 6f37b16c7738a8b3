import pg from 'pg';

/**
 * Gives the application's database role exactly what Tandem needs and no more, when it differs from
 * the role that owns the schema (the embedded server's `tandem_app`; with an external server, the
 * DATABASE_URL role when TANDEM_MIGRATION_DATABASE_URL names the owner). Run after every migration,
 * so new tables are covered.
 *
 * Besides the triggers that refuse changes to the audit log for everyone, this role has no UPDATE,
 * DELETE or TRUNCATE privilege on it, and — not being the owner — cannot switch those triggers off.
 */
export async function grantApplicationRole(options: { ownerUrl: string; appUrl: string }): Promise<void> {
  const appUser = decodeURIComponent(new URL(options.appUrl).username);
  const ownerUser = decodeURIComponent(new URL(options.ownerUrl).username);
  if (!appUser || appUser === ownerUser) return;
  const client = new pg.Client({ connectionString: options.ownerUrl, application_name: 'tandem-grants' });
  await client.connect();
  try {
    const role = client.escapeIdentifier(appUser);
    const database = client.escapeIdentifier((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db);
    await client.query('BEGIN');
    for (const statement of [
      `GRANT CONNECT ON DATABASE ${database} TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role}`,
      `REVOKE DELETE, TRUNCATE ON audit_chain FROM ${role}`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON disclosures, consent_revocations FROM ${role}`,
      `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${role}`,
    ]) {
      await client.query(statement);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Creates the embedded server's application role, or sets its password (kept in the data folder). */
export async function ensureApplicationRole(options: { ownerUrl: string; role: string; password: string }): Promise<void> {
  const client = new pg.Client({ connectionString: options.ownerUrl, application_name: 'tandem-grants' });
  await client.connect();
  try {
    const role = client.escapeIdentifier(options.role);
    const password = client.escapeLiteral(options.password);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [options.role]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
    } else {
      await client.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
    }
  } finally {
    await client.end();
  }
}
