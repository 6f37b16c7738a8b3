import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { findParticipant, listCaseload } from './participants.repository.js';
import type { CaseloadQuery } from './participants.schema.js';

/** The caseload page, audited with the participants it showed, in one transaction. */
export async function readCaseload(options: { db: Db; ctx: AccessContext; query: CaseloadQuery }) {
  return options.db.transaction(async (tx) => {
    const page = await listCaseload(tx, options.ctx, options.query);
    const { page: pageNumber, pageSize, ...filters } = options.query;
    await recordAudit(tx, options.ctx, {
      action: 'participant.list',
      participantIds: [...new Set(page.items.map((item) => item.participantId))],
      details: { filters, page: pageNumber, pageSize, total: page.total },
    });
    return { ...page, page: pageNumber, pageSize };
  });
}

/**
 * One participant's record, audited with the read. Unknown and invisible alike answer 404 (the
 * error path audits that refusal).
 */
export async function readParticipant(options: { db: Db; ctx: AccessContext; participantId: string }) {
  return options.db.transaction(async (tx) => {
    const participant = await findParticipant(tx, options.ctx, options.participantId);
    if (!participant) throw notFound();
    await recordAudit(tx, options.ctx, {
      action: 'participant.read',
      participantIds: [participant.id],
      targetType: 'participant',
      targetId: participant.id,
      details: { enrollments: participant.enrollments.map((e) => e.id) },
    });
    return participant;
  });
}
