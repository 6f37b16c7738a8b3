import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import { clientFor, createTestApp, DEMO_PASSWORD, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

async function auditRows(action: string) {
  const result = await t.database.db.execute<{
    outcome: string;
    actor_label: string;
    details: Record<string, unknown> | null;
    ip: string | null;
  }>(sql`SELECT outcome, actor_label, details, ip FROM audit_log WHERE action = ${action} ORDER BY id`);
  return result.rows;
}

describe('sign-in', () => {
  it('signs in with the right password: httpOnly SameSite cookie, CSRF token, audited', async () => {
    const response = await login('Coordinator@Riverbend.example', DEMO_PASSWORD, { 'user-agent': 'vitest' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stage: 'active', csrfToken: expect.any(String) });
    const cookie = response.cookies.find((c) => c.name === 'tandem_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const rows = await auditRows('auth.sign_in');
    expect(rows.at(-1)).toMatchObject({ outcome: 'success', actor_label: 'coordinator@riverbend.example' });
  });

  it('marks the cookie Secure behind TLS', async () => {
    const response = await login('judge@riverbend.example', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    // trustProxy is off by default, so the forwarded header is ignored…
    expect(response.cookies[0]?.secure).toBeFalsy();
  });

  it('answers a wrong password and an unknown email the same way, and audits both', async () => {
    const wrong = await login('judge@riverbend.example', 'not-the-password');
    const unknown = await login('nobody@riverbend.example', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('The email or password is not correct.');
    const failures = (await auditRows('auth.sign_in')).filter((r) => r.outcome === 'failure');
    expect(failures.map((f) => f.details?.reason)).toEqual(expect.arrayContaining(['bad_password', 'unknown_email']));
  });

  it('answers in Spanish when asked', async () => {
    const response = await login('judge@riverbend.example', 'nope', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(response.json().error.message).toBe('El correo electrónico o la contraseña no son correctos.');
  });

  it('locks an account after five failures, even for the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 4; i++) expect((await login('prosecutor@riverbend.example', `wrong-${i}`)).statusCode).toBe(401);
    const fifth = await login('prosecutor@riverbend.example', 'wrong-5');
    expect(fifth.statusCode).toBe(423);
    expect((await login('prosecutor@riverbend.example', DEMO_PASSWORD)).statusCode).toBe(423);
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const user = t.plan.users.find((u) => u.email === 'prosecutor@riverbend.example')!;
    expect((await admin.patch(`/api/v1/users/${user.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await login('prosecutor@riverbend.example', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles sign-in attempts from one address (TANDEM_SIGN_IN_LIMIT per minute)', async () => {
    const throttled = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '5' }),
      database: t.database,
      databaseMode: 'external',
      serveWeb: false,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await throttled.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `flood-${i}@example.org`, password: 'x' },
      });
      statuses.push(response.statusCode);
    }
    await throttled.close();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('sessions', () => {
  it('refuses state changes without the CSRF token and accepts them with it', async () => {
    const client = await signIn(t.app, 'casemanager@riverbend.example');
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { locale: 'es' },
      headers: { cookie: client.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { locale: 'es' },
      headers: { cookie: client.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await client.patch('/api/v1/me', { locale: 'es' })).statusCode).toBe(200);
    const me = await client.get('/api/v1/me');
    expect(me.json().user.locale).toBe('es');
    expect(me.json().csrfToken).toBe(client.csrf);
  });

  it('ends the session on logout: the cookie no longer works', async () => {
    const client = await signIn(t.app, 'defense@riverbend.example');
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('expires a session after the idle timeout and after its absolute lifetime', async () => {
    const idle = await signIn(t.app, 'peer@riverbend.example');
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE ended_at IS NULL`);
    expect((await idle.get('/api/v1/me')).statusCode).toBe(401);
    const old = await signIn(t.app, 'peer@riverbend.example');
    await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE ended_at IS NULL`);
    expect((await old.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends every session of a user an admin disables, at once', async () => {
    const victim = await signIn(t.app, 'counselor2@riverbend.example');
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const user = t.plan.users.find((u) => u.email === 'counselor2@riverbend.example')!;
    expect((await admin.patch(`/api/v1/users/${user.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await victim.get('/api/v1/participants')).statusCode).toBe(401);
    expect((await login('counselor2@riverbend.example', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { status: 'active' })).statusCode).toBe(200);
  });

  it('refuses anonymous calls to participant data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/participants' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });
});

describe('two-step sign-in', () => {
  it('makes a role that requires MFA enrol first, then asks for the code at every sign-in', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    expect((await admin.patch('/api/v1/admin/security-settings', { mfaRequiredRoles: ['judge'] })).statusCode).toBe(200);

    const first = await login('judge@riverbend.example', DEMO_PASSWORD);
    expect(first.json().stage).toBe('mfa_enrolment_required');
    const cookie = `tandem_session=${first.cookies[0]!.value}`;
    const judge = clientFor(t.app, 'judge@riverbend.example', cookie, first.json().csrfToken);
    expect((await judge.get('/api/v1/participants')).json().error.code).toBe('mfa_required');
    const enrolment = (await judge.post('/api/v1/auth/mfa/enrol')).json();
    expect(enrolment.otpauthUri).toContain('otpauth://totp/');
    expect((await judge.post('/api/v1/auth/mfa/enrol/confirm', { code: '000000' })).statusCode).toBe(400);
    const confirmed = await judge.post('/api/v1/auth/mfa/enrol/confirm', { code: await generate({ secret: enrolment.secret }) });
    expect(confirmed.statusCode).toBe(200);
    const recoveryCodes: string[] = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await judge.get('/api/v1/participants')).statusCode).toBe(200);

    // Next sign-in: password, then a code. A recovery code works once.
    const second = await login('judge@riverbend.example', DEMO_PASSWORD);
    expect(second.json().stage).toBe('mfa_required');
    const pending = clientFor(t.app, 'judge', `tandem_session=${second.cookies[0]!.value}`, second.json().csrfToken);
    expect((await pending.get('/api/v1/participants')).statusCode).toBe(401);
    expect((await pending.post('/api/v1/auth/mfa/verify', { code: '123456' })).statusCode).toBe(401);
    expect((await pending.post('/api/v1/auth/mfa/verify', { code: recoveryCodes[0] })).statusCode).toBe(200);
    expect((await pending.get('/api/v1/participants')).statusCode).toBe(200);

    const third = await login('judge@riverbend.example', DEMO_PASSWORD);
    const again = clientFor(t.app, 'judge', `tandem_session=${third.cookies[0]!.value}`, third.json().csrfToken);
    expect((await again.post('/api/v1/auth/mfa/verify', { code: recoveryCodes[0] })).statusCode).toBe(401);

    // The role requires it: it cannot be turned off.
    const off = await judge.post('/api/v1/auth/mfa/disable', { password: DEMO_PASSWORD });
    expect(off.statusCode).toBe(409);
    expect((await admin.patch('/api/v1/admin/security-settings', { mfaRequiredRoles: [] })).statusCode).toBe(200);
    const verified = (await auditRows('auth.mfa_verify')).map((r) => r.outcome);
    expect(verified).toEqual(['failure', 'success', 'failure']);
  });
});

describe('lockout across both sign-in steps', () => {
  it('counts wrong authenticator codes across sign-ins, locks, and then refuses even the right code', async () => {
    const email = 'casemanager@riverbend.example';
    // The case manager turns on two-step sign-in.
    const owner = await signIn(t.app, email);
    const { secret } = (await owner.post('/api/v1/auth/mfa/enrol')).json();
    expect((await owner.post('/api/v1/auth/mfa/enrol/confirm', { code: await generate({ secret }) })).statusCode).toBe(200);
    await owner.post('/api/v1/auth/logout');

    // Someone with the password opens several half-signed-in sessions and guesses codes in each.
    const pending = async () => {
      const response = await login(email, DEMO_PASSWORD);
      expect(response.json().stage).toBe('mfa_required');
      return clientFor(t.app, email, `tandem_session=${response.cookies[0]!.value}`, response.json().csrfToken);
    };
    const sessions = [await pending(), await pending(), await pending()];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await sessions[i % 3]!.post('/api/v1/auth/mfa/verify', { code: String(100000 + i) })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 401]);
    // Locked: the right code does not help, on any session, and signing in again is refused.
    const right = await sessions[1]!.post('/api/v1/auth/mfa/verify', { code: await generate({ secret }) });
    expect(right.statusCode).toBe(401);
    expect((await login(email, DEMO_PASSWORD)).statusCode).toBe(423);
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const user = t.plan.users.find((u) => u.email === email)!;
    await admin.patch(`/api/v1/users/${user.id}`, { unlock: true, resetMfa: true });
  });

  it('counts a wrong password when confirming a sensitive change, and ends every session at the lock', async () => {
    const email = 'defense@riverbend.example';
    const stolen = await signIn(t.app, email);
    for (let i = 0; i < 4; i++) {
      const response = await stolen.post('/api/v1/me/password', {
        currentPassword: `guess-${i}`,
        newPassword: 'a-brand-new-passphrase-7',
      });
      expect(response.statusCode).toBe(400);
    }
    const fifth = await stolen.post('/api/v1/me/password', {
      currentPassword: 'guess-5',
      newPassword: 'a-brand-new-passphrase-7',
    });
    expect(fifth.statusCode).toBe(423);
    expect((await stolen.get('/api/v1/me')).statusCode).toBe(401);
    const admin = await signIn(t.app, 'admin@riverbend.example');
    await admin.patch(`/api/v1/users/${t.plan.users.find((u) => u.email === email)!.id}`, { unlock: true });
  });
});

describe('API tokens', () => {
  it('acts for its organization with its scopes until revoked', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const court = t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!;
    const created = await admin.post('/api/v1/admin/api-tokens', {
      name: 'case system',
      organizationId: court.id,
      scopes: ['participants:read'],
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    const bearer = { authorization: `Bearer ${secret}` };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/participants?pageSize=5', headers: bearer });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(t.plan.participants.filter((p) => p.enrollment.courtId === court.id).length);
    // Read scope only: no writes, no audit log.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/participants', headers: bearer, payload: {} })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer })).statusCode).toBe(403);
    const stored = await t.database.db.execute<{ token_hash: Buffer }>(
      sql`SELECT token_hash FROM api_tokens WHERE id = ${token.id}`,
    );
    expect(stored.rows[0]!.token_hash.toString('utf8')).not.toContain(secret.slice(4, 20));
    expect((await admin.post(`/api/v1/admin/api-tokens/${token.id}/revoke`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/participants', headers: bearer })).statusCode).toBe(401);
  });

  it('lets a court’s case system enroll participants with participants:write, in its own court only', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const court = t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!;
    const { secret } = (
      await admin.post('/api/v1/admin/api-tokens', {
        name: 'case system',
        organizationId: court.id,
        scopes: ['participants:write'],
      })
    ).json();
    const bearer = { authorization: `Bearer ${secret}` };
    const program = t.plan.programs.find((p) => p.courtId === court.id)!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/participants',
      headers: bearer,
      payload: {
        identity: { firstName: 'Imported', lastName: 'Person' },
        enrollment: { programId: program.id, caseNumber: 'CMS-77', referredOn: '2026-11-20' },
      },
    });
    expect(created.statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/participants/${created.json().participantId}`,
      headers: bearer,
    });
    expect(read.json().enrollments[0]).toMatchObject({ caseNumber: 'CMS-77', status: 'referred' });
    const otherProgram = t.plan.programs.find((p) => p.courtId !== court.id)!;
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/participants',
      headers: bearer,
      payload: {
        identity: { firstName: 'X', lastName: 'Y' },
        enrollment: { programId: otherProgram.id, caseNumber: 'CMS-78', referredOn: '2026-11-20' },
      },
    });
    expect(elsewhere.statusCode).toBe(404);
    // Status changes stay with people (judge, coordinator), not integrations.
    const status = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enrollments/${created.json().enrollmentId}/status`,
      headers: bearer,
      payload: { status: 'screening', reason: 'automated' },
    });
    expect(status.statusCode).toBe(403);
  });

  it('refuses a made-up token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer tdm_nothing' } });
    expect(response.statusCode).toBe(401);
  });
});
