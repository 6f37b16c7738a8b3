import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP hardening', () => {
  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers bad input with a 4xx and a message, never a 500 or a stack trace', async () => {
    const client = await signIn(t.app, 'coordinator@riverbend.example');
    const headers = { cookie: client.cookie, 'x-csrf-token': client.csrf };
    const cases = [
      {
        method: 'POST',
        url: '/api/v1/participants',
        payload: '{"identity": ',
        headers: { ...headers, 'content-type': 'application/json' },
      },
      {
        method: 'POST',
        url: '/api/v1/participants',
        payload: 'name=x',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      },
      {
        method: 'POST',
        url: '/api/v1/participants',
        payload: JSON.stringify({ x: 'y'.repeat(1_100_000) }),
        headers: { ...headers, 'content-type': 'application/json' },
      },
      { method: 'POST', url: '/api/v1/participants', payload: '', headers: { ...headers, 'content-type': 'application/json' } },
      { method: 'GET', url: '/api/v1/participants?page=-1', headers },
      { method: 'GET', url: '/api/v1/participants/%00', headers },
      { method: 'GET', url: '/api/v1/participants?q=%00', headers },
      { method: 'PATCH', url: '/api/v1/me', payload: { displayName: 'A\u0000B' }, headers },
      {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'judge\u0000@riverbend.example', password: 'x' },
        headers: {},
      },
      { method: 'GET', url: '/api/v1/nothing-here', headers },
      { method: 'DELETE', url: '/api/v1/participants', headers },
      {
        method: 'PATCH',
        url: '/api/v1/enrollments/00000000-0000-4000-8000-000000000000',
        payload: { nextCourtDate: '2026-02-30' },
        headers,
      },
      {
        method: 'POST',
        url: '/api/v1/participants',
        payload: {
          identity: { firstName: 'A', lastName: 'B', dateOfBirth: '1990-02-30' },
          enrollment: { programId: t.plan.programs[0]!.id, caseNumber: 'Z', referredOn: '2026-01-01' },
        },
        headers,
      },
      {
        method: 'POST',
        url: '/api/v1/participants',
        payload: { identity: { firstName: 'A', lastName: 'B', __proto__: { admin: true } }, enrollment: null },
        headers,
      },
    ] as const;
    for (const c of cases) {
      const response = await t.app.inject(c as never);
      expect(response.statusCode, `${c.method} ${c.url}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${c.method} ${c.url}`).toBeLessThan(500);
      const body = response.json();
      expect(body.error.message.length).toBeGreaterThan(3);
      expect(response.body).not.toMatch(/ at |node_modules|\.ts:\d/);
    }
  });

  it('answers 404 with JSON for unknown API paths', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/unknown' });
    expect(response.statusCode).toBe(401);
    const signedIn = await signIn(t.app, 'judge@riverbend.example');
    const unknown = await signedIn.get('/api/v1/unknown');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('reports health with the database mode and migration state', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { mode: 'external', reachable: true, migrations: { applied: 9, available: 9 } },
    });
  });

  it('describes every route with its errors in the OpenAPI 3.1 document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!path.startsWith('/api/v1/')) continue;
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401']));
      }
    }
  });
});
