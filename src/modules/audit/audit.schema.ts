import { z } from 'zod';

export const ZAuditQuery = z.object({
  actorUserId: z.uuid().optional(),
  /** Exact action, or a prefix ending in `.` (e.g. `auth.`). */
  action: z.string().trim().max(100).optional(),
  participantId: z.uuid().optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actorUserId: z.uuid().nullable(),
  actorTokenId: z.uuid().nullable(),
  actorLabel: z.string().nullable(),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failure']),
  participantIds: z.array(z.uuid()),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextBefore: z.number().int().nullable() });

export const ZAuditVerification = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  lanes: z.array(z.object({ lane: z.number().int(), rows: z.number().int(), headSeq: z.number().int(), headHash: z.string() })),
  problems: z.array(
    z.object({
      lane: z.number().int(),
      seq: z.number().int(),
      id: z.number().int().nullable(),
      problem: z.enum(['altered', 'missing', 'broken_link', 'head_mismatch', 'unknown_lane']),
    }),
  ),
});
