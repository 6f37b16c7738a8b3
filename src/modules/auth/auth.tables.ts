import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/bytea.js';
import { inList } from '../../platform/db/sql-helpers.js';
import { organizations } from '../organizations/organizations.tables.js';
import { ROLES } from '../users/users.schema.js';
import { users } from '../users/users.tables.js';
import { TOKEN_SCOPES } from './auth.schema.js';

/** Where a session stands: signed in, or waiting for the second factor. */
export const SESSION_STAGES = ['mfa_required', 'mfa_enrolment_required', 'active'] as const;

/**
 * Server-side sessions. The browser holds a random token; only its SHA-256 is stored, so a copy of
 * the table cannot be used to sign in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: bytea('token_hash').notNull().unique(),
    /** Not a secret on its own (it only proves a request came from Tandem's own pages), so kept plain
     * and handed to new tabs by GET /api/v1/me; the session token itself is stored hashed. */
    csrfToken: text('csrf_token').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: SESSION_STAGES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_stage_check', sql`${t.stage} IN (${inList(SESSION_STAGES)})`)],
);

/** API tokens for integrations: hashed, scoped to one organization, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** First characters of the token, shown so people can tell tokens apart. */
    prefix: text('prefix').notNull(),
    tokenHash: bytea('token_hash').notNull().unique(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    scopes: text('scopes', { enum: TOKEN_SCOPES }).array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_org_idx').on(t.organizationId)],
);

/** The deployment's security settings: one row, changed by admins. */
export const securitySettings = pgTable(
  'security_settings',
  {
    id: boolean('id').primaryKey().default(true),
    mfaRequiredRoles: text('mfa_required_roles', { enum: ROLES }).array().notNull().default(sql`'{}'`),
    sessionIdleMinutes: integer('session_idle_minutes').notNull().default(30),
    sessionMaxHours: integer('session_max_hours').notNull().default(12),
    lockoutThreshold: integer('lockout_threshold').notNull().default(5),
    lockoutMinutes: integer('lockout_minutes').notNull().default(15),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    check('security_settings_single_row', sql`${t.id}`),
    check('security_settings_idle', sql`${t.sessionIdleMinutes} BETWEEN 1 AND 30`),
    check('security_settings_max', sql`${t.sessionMaxHours} BETWEEN 1 AND 24`),
  ],
);
