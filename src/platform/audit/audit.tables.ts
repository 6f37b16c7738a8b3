import { bigint, bigserial, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../db/bytea.js';

/**
 * The audit log: append-only (triggers refuse UPDATE, DELETE and TRUNCATE for every role) and
 * hash-chained. Rows are spread over a few chains ("lanes") so that concurrent transactions do not
 * queue on one chain head; each lane is a gap-free sequence whose every hash covers the previous
 * one. A BEFORE INSERT trigger fills lane, seq, prev_hash and hash; see the migration.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    lane: smallint('lane').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash'),
    actorUserId: uuid('actor_user_id'),
    actorTokenId: uuid('actor_token_id'),
    /** The email or token name at the time, so the entry reads on its own. */
    actorLabel: text('actor_label'),
    organizationId: uuid('organization_id'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'denied', 'failure'] }).notNull(),
    participantIds: uuid('participant_ids').array().notNull().default([]),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
    index('audit_log_participants_idx').using('gin', t.participantIds),
  ],
);

/** The head of each audit lane: its last sequence number and hash. */
export const auditChain = pgTable('audit_chain', {
  lane: smallint('lane').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: bytea('hash').notNull(),
});
