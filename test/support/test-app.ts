import type { LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { demoPlan } from '../../src/demo/demo-court.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import type { App } from '../../src/platform/http/types.js';
import { DEMO_PASSWORD } from './demo-password.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export { DEMO_PASSWORD };

export type TestApp = { app: App; database: TestDatabase; plan: ReturnType<typeof demoPlan>; close: () => Promise<void> };

/**
 * A Tandem API on a fresh database holding the demo deployment (Riverbend and Lakeside courts).
 * `plan` is the same deterministic plan the seed wrote, for looking up ids by name.
 */
export async function createTestApp(
  options: { demo?: boolean; serveWeb?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  // The demo deployment comes loaded in the run's demo template (the plan below is the one it wrote).
  const database = await createTestDatabase({ demo: options.demo !== false });
  const today = inject('testDatabase').demoToday;
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TANDEM_DEMO_PASSWORD: DEMO_PASSWORD,
    TANDEM_SIGN_IN_LIMIT: '10000',
    ...options.env,
  });
  const app = await buildApp({ config, database, databaseMode: 'external', serveWeb: options.serveWeb ?? false });
  await app.ready();
  return {
    app,
    database,
    plan: demoPlan(today),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export type Client = {
  email: string;
  csrf: string;
  cookie: string;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  delete: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  request: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

/** A signed-in client using the session cookie and CSRF token, as the web app does. */
export async function signIn(app: App, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tandem_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  return clientFor(app, email, `tandem_session=${cookie.value}`, csrf);
}

export function clientFor(app: App, email: string, cookie: string, csrf: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    email,
    csrf,
    cookie,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body ?? {}, headers),
    delete: (url, headers) => request('DELETE', url, undefined, headers),
  };
}
