import { and, desc, eq, gte, like, lt, lte, type SQL, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.tables.js';
import type { Queryable } from '../../platform/db/database.js';
import { organizations } from '../organizations/organizations.tables.js';
import type { AuditQuery } from './audit.schema.js';

/** A page of audit entries, newest first, with keyset paging on the id. */
export async function browseAudit(q: Queryable, query: AuditQuery) {
  const filters: (SQL | undefined)[] = [
    query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
    query.action
      ? query.action.endsWith('.')
        ? like(auditLog.action, `${query.action.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : eq(auditLog.action, query.action)
      : undefined,
    query.participantId ? sql`${auditLog.participantIds} @> ARRAY[${query.participantId}]::uuid[]` : undefined,
    query.outcome ? eq(auditLog.outcome, query.outcome) : undefined,
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lte(auditLog.at, new Date(query.to)) : undefined,
    query.before ? lt(auditLog.id, query.before) : undefined,
  ];
  const rows = await q
    .select({ entry: auditLog, organizationName: organizations.name })
    .from(auditLog)
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(({ entry, organizationName }) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actorUserId: entry.actorUserId,
      actorTokenId: entry.actorTokenId,
      actorLabel: entry.actorLabel,
      organizationId: entry.organizationId,
      organizationName,
      action: entry.action,
      outcome: entry.outcome,
      participantIds: entry.participantIds,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
      ip: entry.ip,
      userAgent: entry.userAgent,
    })),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.entry.id ?? null) : null,
  };
}
