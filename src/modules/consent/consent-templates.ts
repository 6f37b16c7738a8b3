import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { canInCourt } from '../access/permissions.js';
import { findProgram } from '../programs/programs.repository.js';
import type { ConsentTemplate, ConsentTemplateInput } from './consent.schema.js';
import { consentTemplates } from './consent.tables.js';
import { validateConsent } from './validate-consent.js';

/*
 * A program's standard consents (for example its §2.35 scope), so staff start each participant's
 * consent from the court's agreed wording instead of building it by hand. Coordinators of the court
 * keep them; everyone who sees the program can read them.
 */

function templateView(row: typeof consentTemplates.$inferSelect): ConsentTemplate {
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    kind: row.kind,
    disclosingOrgIds: row.disclosingOrgIds,
    recipientRoles: row.recipientRoles,
    allowedClasses: row.allowedClasses,
    excludedClasses: row.excludedClasses,
    purposes: row.purposes as ConsentTemplate['purposes'],
    descriptionEn: row.descriptionEn,
    descriptionEs: row.descriptionEs,
    durationMonths: row.durationMonths,
    expiryEvent: row.expiryEvent,
    revocableAfterEvent: row.revocableAfterEvent,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The same rules as a consent's, on what a template fixes (a template has no recipients by name). */
function checkTemplate(input: ConsentTemplateInput) {
  const problems = validateConsent({
    kind: input.kind,
    participantId: '',
    disclosingOrgIds: input.disclosingOrgIds,
    recipients: { userIds: [], roles: input.recipientRoles },
    allowedClasses: input.allowedClasses,
    excludedClasses: input.excludedClasses,
    recordsFrom: null,
    recordsTo: null,
    purposes: input.purposes,
    effectiveFrom: new Date(0),
    expiresAt: input.durationMonths ? new Date(input.durationMonths * 30 * 86_400_000) : null,
    expiryEvent: input.expiryEvent ? { description: input.expiryEvent, occurredAt: null } : null,
    revocableAfter:
      input.kind === 'criminal_justice' || input.revocableAfterEvent
        ? { at: null, event: input.revocableAfterEvent ? { description: input.revocableAfterEvent, occurredAt: null } : null }
        : null,
    description: input.descriptionEn,
  }).filter((p) => p.code !== 'missing_recipients');
  if (problems.length > 0) {
    throw new AppError('validation', 'errors.consent_incomplete', {
      fields: problems.map((p) => ({ path: p.field, message: `errors.consent.${p.code}` })),
    });
  }
}

async function programForManage(q: Queryable, ctx: AccessContext, programId: string) {
  const program = await findProgram(q, ctx.actor, programId);
  if (!program) throw notFound();
  if (!canInCourt(ctx.actor, 'program.manage', program.courtId)) throw new AppError('forbidden');
  return program;
}

export async function listConsentTemplates(options: { db: Db; ctx: AccessContext; programId: string }) {
  const program = await findProgram(options.db, options.ctx.actor, options.programId);
  if (!program) throw notFound();
  const rows = await options.db
    .select()
    .from(consentTemplates)
    .where(eq(consentTemplates.programId, program.id))
    .orderBy(asc(consentTemplates.name));
  return rows.map(templateView);
}

export async function createConsentTemplate(options: {
  db: Db;
  ctx: AccessContext;
  programId: string;
  input: ConsentTemplateInput;
}) {
  const { ctx, input } = options;
  checkTemplate(input);
  return options.db.transaction(async (tx) => {
    const program = await programForManage(tx, ctx, options.programId);
    const [row] = await tx
      .insert(consentTemplates)
      .values({ ...input, programId: program.id, createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
      .returning();
    await recordAudit(tx, ctx, { action: 'consent_template.create', targetType: 'consent_template', targetId: row!.id });
    return templateView(row!);
  });
}

export async function updateConsentTemplate(options: {
  db: Db;
  ctx: AccessContext;
  templateId: string;
  input: ConsentTemplateInput;
}) {
  const { ctx, input } = options;
  checkTemplate(input);
  return options.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(consentTemplates).where(eq(consentTemplates.id, options.templateId));
    if (!existing) throw notFound();
    await programForManage(tx, ctx, existing.programId);
    const [row] = await tx
      .update(consentTemplates)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(consentTemplates.id, existing.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'consent_template.update', targetType: 'consent_template', targetId: row!.id });
    return templateView(row!);
  });
}
