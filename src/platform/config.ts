import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const ZEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner's connection, when DATABASE_URL names a role with fewer rights (recommended). */
  TANDEM_MIGRATION_DATABASE_URL: z.string().url().optional(),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  /** Default: on with the embedded database, off with DATABASE_URL (a real server is no place for demo accounts). */
  TANDEM_DEMO: booleanFlag.optional(),
  TANDEM_DEMO_PASSWORD: z.string().min(8).default('tandem-demo-2026'),
  /**
   * Which proxies to believe about the client's address and protocol: off, a number of proxy hops
   * in front of Tandem (`1`, or `yes` for one), or their addresses/CIDR ranges separated by commas.
   * Believing every X-Forwarded-For would let a client pick the address audited and rate-limited.
   */
  TANDEM_TRUST_PROXY: z
    .string()
    .trim()
    .default('0')
    .transform((value, ctx): number | string[] | false => {
      const lower = value.toLowerCase();
      if (['0', 'false', 'no', 'off', ''].includes(lower)) return false;
      if (['true', 'yes', 'on'].includes(lower)) return 1;
      if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
      const list = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      if (list.every((part) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part) || part === 'loopback' || part === 'uniquelocal'))
        return list;
      ctx.addIssue({ code: 'custom', message: 'Use 0, a number of proxy hops, or proxy addresses separated by commas' });
      return z.NEVER;
    }),
  TANDEM_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  TANDEM_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /** How long emergency (break-glass) access lasts, in hours. */
  TANDEM_BREAK_GLASS_HOURS: z.coerce.number().min(0.25).max(72).default(4),
  TANDEM_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** The hour (court's local time) each court's daily testing draw is made; `off` leaves draws to be made by hand. */
  TANDEM_DRAW_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(5),
  /** Port of the MLLP listener for HL7 lab results; off when unset. */
  TANDEM_MLLP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TANDEM_MLLP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Addresses or CIDR ranges allowed to connect to the MLLP listener (comma-separated); any when unset. */
  TANDEM_MLLP_ALLOW: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().refine((entry) => {
          const [address, bits] = entry.split('/');
          return isIP(address ?? '') !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
        }, 'Give addresses or CIDR ranges, e.g. 10.0.4.0/24'),
      ),
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Runtime configuration of one Tandem process, read from the environment once at start. */
export type Config = {
  port: number;
  host: string;
  /** External PostgreSQL; when absent Tandem starts its embedded server in `dataDir`. */
  databaseUrl: string | undefined;
  /** The schema owner for migrations and grants; DATABASE_URL's role when absent. */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  trustProxy: number | string[] | false;
  secureCookies: 'auto' | 'always' | 'never';
  dbPoolSize: number;
  breakGlassHours: number;
  /** Sign-in attempts (and second-factor codes) allowed per minute from one address. */
  signInLimit: number;
  /** The hour of each court's automatic daily draw, or null when draws are made by hand. */
  drawHour: number | null;
  /** The MLLP listener for HL7 lab results, when it is on. */
  mllp: { port: number; host: string; allow: string[] } | null;
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
    migrationDatabaseUrl: e.TANDEM_MIGRATION_DATABASE_URL,
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    demo: e.TANDEM_DEMO ?? e.DATABASE_URL === undefined,
    demoPassword: e.TANDEM_DEMO_PASSWORD,
    trustProxy: e.TANDEM_TRUST_PROXY,
    breakGlassHours: e.TANDEM_BREAK_GLASS_HOURS,
    secureCookies: e.TANDEM_SECURE_COOKIES,
    dbPoolSize: e.TANDEM_DB_POOL_SIZE,
    signInLimit: e.TANDEM_SIGN_IN_LIMIT,
    drawHour: e.TANDEM_DRAW_HOUR === 'off' ? null : e.TANDEM_DRAW_HOUR,
    mllp: e.TANDEM_MLLP_PORT ? { port: e.TANDEM_MLLP_PORT, host: e.TANDEM_MLLP_HOST, allow: e.TANDEM_MLLP_ALLOW ?? [] } : null,
    logLevel: e.LOG_LEVEL,
  };
}

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
