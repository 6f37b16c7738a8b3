import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const ZEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  TANDEM_DEMO: booleanFlag.default(true),
  TANDEM_DEMO_PASSWORD: z.string().min(8).default('tandem-demo-2026'),
  TANDEM_TRUST_PROXY: booleanFlag.default(false),
  TANDEM_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  TANDEM_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  TANDEM_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Runtime configuration of one Tandem process, read from the environment once at start. */
export type Config = {
  port: number;
  host: string;
  /** External PostgreSQL; when absent Tandem starts its embedded server in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  trustProxy: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  dbPoolSize: number;
  /** Sign-in attempts (and second-factor codes) allowed per minute from one address. */
  signInLimit: number;
  logLevel: z.infer<typeof ZEnvironment>['LOG_LEVEL'];
};

/** Reads the configuration; a wrong value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnvironment.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    demo: e.TANDEM_DEMO,
    demoPassword: e.TANDEM_DEMO_PASSWORD,
    trustProxy: e.TANDEM_TRUST_PROXY,
    secureCookies: e.TANDEM_SECURE_COOKIES,
    dbPoolSize: e.TANDEM_DB_POOL_SIZE,
    signInLimit: e.TANDEM_SIGN_IN_LIMIT,
    logLevel: e.LOG_LEVEL,
  };
}

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
