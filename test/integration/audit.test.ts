import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain.js';
import { createTestApp, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('audit log', () => {
  it('records who read which participant, from where, with the request', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    await judge.get(`/api/v1/participants/${anthony().id}`, { 'user-agent': 'bench-browser/1.0' });
    const rows = await t.database.db.execute<Record<string, unknown>>(
      sql`SELECT actor_label, action, outcome, participant_ids, target_id, ip, user_agent, request_id, organization_id
          FROM audit_log WHERE action = 'participant.read' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows.rows[0]).toMatchObject({
      actor_label: 'judge@riverbend.example',
      outcome: 'success',
      participant_ids: [anthony().id],
      target_id: anthony().id,
      ip: '127.0.0.1',
      user_agent: 'bench-browser/1.0',
      organization_id: anthony().enrollment.courtId,
    });
    expect(rows.rows[0]!.request_id).toEqual(expect.any(String));
  });

  it('records refusals — not visible, not permitted, forged — without confirming what was asked for', async () => {
    const lake = await signIn(t.app, 'coordinator@lakeside.example');
    await lake.get(`/api/v1/participants/${anthony().id}`);
    await lake.post(`/api/v1/enrollments/${anthony().enrollment.id}/status`, { status: 'absconded', reason: 'not mine' });
    await lake.get('/api/v1/users');
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'es' }, headers: { cookie: lake.cookie } });
    const rows = await t.database.db.execute<{
      action: string;
      outcome: string;
      participant_ids: string[];
      target_id: string | null;
      details: Record<string, string>;
    }>(
      sql`SELECT action, outcome, participant_ids, target_id, details FROM audit_log
          WHERE actor_label = 'coordinator@lakeside.example' AND outcome = 'denied' ORDER BY id`,
    );
    expect(rows.rows.map((r) => [r.details.method, r.details.route, r.details.code, r.target_id])).toEqual([
      ['GET', '/api/v1/participants/:id', 'not_found', anthony().id],
      ['POST', '/api/v1/enrollments/:id/status', 'not_found', anthony().enrollment.id],
      ['GET', '/api/v1/users', 'forbidden', null],
      ['PATCH', '/api/v1/me', 'csrf', null],
    ]);
    expect(rows.rows.every((r) => r.action === 'access.denied' && r.participant_ids.length === 0)).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even for the database owner', async () => {
    await withClient(async (client) => {
      await expect(client.query(`UPDATE audit_log SET action = 'nothing' WHERE id = 1`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_chain')).rejects.toThrow(/append-only/);
    });
  });

  it('keeps every lane gap-free and verifiable under concurrent writes', async () => {
    const clients = await Promise.all(
      ['judge', 'coordinator', 'casemanager'].map((role) => signIn(t.app, `${role}@riverbend.example`)),
    );
    await Promise.all(Array.from({ length: 60 }, (_, i) => clients[i % 3]!.get('/api/v1/participants?pageSize=5')));
    const report = await verifyAuditChain(t.database.pool);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(60);
  });

  it('verifies cleanly while entries keep arriving (one consistent snapshot)', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const traffic = Promise.all(Array.from({ length: 80 }, () => judge.get('/api/v1/participants?pageSize=5')));
    const reports = await Promise.all(Array.from({ length: 5 }, () => verifyAuditChain(t.database.pool)));
    await traffic;
    expect(reports.map((r) => r.problems)).toEqual([[], [], [], [], []]);
  });

  it('detects an altered entry and a removed one', async () => {
    await withClient(async (client) => {
      const [{ id: alteredId }] = (
        await client.query(`SELECT id FROM audit_log WHERE action = 'participant.read' ORDER BY id LIMIT 1`)
      ).rows;
      const [{ id: removedId, lane, seq }] = (
        await client.query(`SELECT id, lane, seq FROM audit_log WHERE action = 'participant.list' ORDER BY id LIMIT 1`)
      ).rows;
      // Someone with the power to switch off the protection (a superuser) rewrites history.
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await client.query(`UPDATE audit_log SET actor_label = 'someone-else' WHERE id = $1`, [alteredId]);
      await client.query('DELETE FROM audit_log WHERE id = $1', [removedId]);
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      const report = await verifyAuditChain(client);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: Number(alteredId), problem: 'altered' }),
          expect.objectContaining({ lane: Number(lane), seq: Number(seq), problem: 'missing' }),
        ]),
      );
    });
  });

  it('lets admins browse and filter, and audits the browsing', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const page = (await admin.get(`/api/v1/audit?participantId=${anthony().id}&limit=5`)).json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e: { participantIds: string[] }) => e.participantIds.includes(anthony().id))).toBe(true);
    const prefix = (await admin.get('/api/v1/audit?action=auth.&limit=500')).json();
    expect(prefix.items.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
    const first = (await admin.get('/api/v1/audit?limit=3')).json();
    const second = (await admin.get(`/api/v1/audit?limit=3&before=${first.nextBefore}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[2].id);
    const reads = (await admin.get('/api/v1/audit?action=audit.read&limit=50')).json();
    expect(reads.items.length).toBeGreaterThanOrEqual(3);
    expect((await (await signIn(t.app, 'coordinator@riverbend.example')).get('/api/v1/audit')).statusCode).toBe(403);
  });
});
