import { and, eq, inArray, max, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { drawableImage } from '../../platform/pdf/pdf.js';
import { pastInstant } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { courtPartners, organizations } from '../organizations/organizations.tables.js';
import { type EnrollmentForWrite, findEnrollmentForWrite } from '../participants/participants.repository.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { programs } from '../programs/programs.tables.js';
import { users } from '../users/users.tables.js';
import type { ConsentDraftInput, ConsentSign, ConsentView, RevocationCreate } from './consent.schema.js';
import { consentRevocations, consents, consentTemplates } from './consent.tables.js';
import { consentAuthority } from './consent-authority.js';
import { CONSENT_WORDING_VERSION, documentLocale } from './consent-wording.js';
import {
  type ConsentRow,
  consentOf,
  consentViews,
  findConsentForWrite,
  findVisibleConsent,
  listParticipantConsents,
  revocationsOf,
} from './consents.repository.js';
import { consentState, revocationEffectiveAt } from './decide-disclosure.js';
import { renderConsent, sha256Hex } from './render-consent.js';
import { isEditable, validateConsent } from './validate-consent.js';

/*
 * The consent process: a draft (from a program's template or by hand), signed on screen or on paper
 * and witnessed, rendered to its PDF with the document's hash, then only ever revoked, expired or
 * replaced by a new version. Each operation is one transaction with its audit entry.
 */

const MONTH_MS = 30.44 * 86_400_000;

async function requireManager(q: Queryable, ctx: AccessContext, enrollment: EnrollmentForWrite) {
  const authority = await consentAuthority(q, ctx, enrollment);
  if (!authority.manage) throw new AppError('forbidden');
  return authority;
}

/** Organizations that may disclose under a consent of this court's case: its Part 2 partners (and itself). */
async function checkDisclosers(q: Queryable, courtId: string, orgIds: string[]) {
  if (orgIds.length === 0) return;
  const rows = await q
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(organizations.id, orgIds),
        or(
          eq(organizations.id, courtId),
          sql`EXISTS (SELECT 1 FROM ${courtPartners} WHERE ${courtPartners.courtId} = ${courtId} AND ${courtPartners.partnerId} = ${organizations.id})`,
        ),
      ),
    );
  if (rows.length !== new Set(orgIds).size) {
    throw new AppError('validation', 'errors.consent_unknown_discloser', {
      fields: [{ path: 'disclosingOrgIds', message: 'errors.consent_unknown_discloser' }],
    });
  }
}

async function checkRecipients(q: Queryable, userIds: string[]) {
  if (userIds.length === 0) return;
  const rows = await q.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
  if (rows.length !== new Set(userIds).size) {
    throw new AppError('validation', 'errors.consent_unknown_recipient', {
      fields: [{ path: 'recipientUserIds', message: 'errors.consent_unknown_recipient' }],
    });
  }
}

const instant = (value: string | null | undefined) => (value == null ? value : new Date(value));

/** The columns a draft input sets (only what it names). */
function draftColumns(input: ConsentDraftInput) {
  const columns: Partial<typeof consents.$inferInsert> = {};
  if (input.kind !== undefined) columns.kind = input.kind;
  if (input.disclosingOrgIds !== undefined) columns.disclosingOrgIds = [...new Set(input.disclosingOrgIds)];
  if (input.recipientUserIds !== undefined) columns.recipientUserIds = [...new Set(input.recipientUserIds)];
  if (input.recipientRoles !== undefined) columns.recipientRoles = [...new Set(input.recipientRoles)];
  if (input.allowedClasses !== undefined) columns.allowedClasses = [...new Set(input.allowedClasses)];
  if (input.excludedClasses !== undefined) columns.excludedClasses = [...new Set(input.excludedClasses)];
  if (input.recordsFrom !== undefined) columns.recordsFrom = instant(input.recordsFrom);
  if (input.recordsTo !== undefined) columns.recordsTo = instant(input.recordsTo);
  if (input.description !== undefined) columns.description = input.description;
  if (input.purposes !== undefined) columns.purposes = [...new Set(input.purposes)];
  if (input.effectiveFrom !== undefined) columns.effectiveFrom = new Date(input.effectiveFrom);
  if (input.expiresAt !== undefined) columns.expiresAt = instant(input.expiresAt);
  if (input.expiryEvent !== undefined) columns.expiryEvent = input.expiryEvent;
  if (input.revocableAfterAt !== undefined) columns.revocableAfterAt = instant(input.revocableAfterAt);
  if (input.revocableAfterEvent !== undefined) columns.revocableAfterEvent = input.revocableAfterEvent;
  if (input.language !== undefined) columns.language = input.language;
  return columns;
}

async function viewOf(q: Queryable, id: string): Promise<ConsentView> {
  const [row] = await q.select().from(consents).where(eq(consents.id, id));
  return (await consentViews(q, [row!]))[0]!;
}

/** Starts a consent for a case: from a template of the case's program, the input overriding it. */
export async function createConsentDraft(options: {
  db: Db;
  ctx: AccessContext;
  enrollmentId: string;
  input: ConsentDraftInput;
}): Promise<ConsentView> {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, options.enrollmentId);
    if (!enrollment) throw notFound();
    await requireManager(tx, ctx, enrollment);
    const [person] = await tx
      .select({ language: participants.language })
      .from(participants)
      .where(eq(participants.id, enrollment.participantId));
    const language = input.language ?? documentLocale(person?.language);
    let base: Partial<typeof consents.$inferInsert> = {};
    if (input.templateId) {
      const [template] = await tx
        .select()
        .from(consentTemplates)
        .innerJoin(programs, eq(programs.id, consentTemplates.programId))
        .where(and(eq(consentTemplates.id, input.templateId), eq(programs.courtId, enrollment.courtId)));
      if (!template?.consent_templates.active) {
        throw new AppError('validation', 'errors.consent_template_unknown', {
          fields: [{ path: 'templateId', message: 'errors.consent_template_unknown' }],
        });
      }
      const t = template.consent_templates;
      const now = new Date();
      base = {
        templateId: t.id,
        kind: t.kind,
        disclosingOrgIds: t.disclosingOrgIds,
        recipientRoles: t.recipientRoles,
        allowedClasses: t.allowedClasses,
        excludedClasses: t.excludedClasses,
        purposes: t.purposes,
        description: language === 'es' ? t.descriptionEs : t.descriptionEn,
        expiresAt: t.durationMonths ? new Date(now.getTime() + t.durationMonths * MONTH_MS) : null,
        expiryEvent: t.expiryEvent,
        revocableAfterEvent: t.revocableAfterEvent,
      };
    }
    const columns = { ...base, ...draftColumns(input) };
    if (!columns.kind)
      throw new AppError('validation', 'errors.validation', { fields: [{ path: 'kind', message: 'errors.validation' }] });
    await checkDisclosers(tx, enrollment.courtId, columns.disclosingOrgIds ?? []);
    await checkRecipients(tx, columns.recipientUserIds ?? []);
    const id = crypto.randomUUID();
    await tx.insert(consents).values({
      id,
      seriesId: id,
      version: 1,
      participantId: enrollment.participantId,
      enrollmentId: enrollment.id,
      kind: columns.kind,
      disclosingOrgIds: columns.disclosingOrgIds ?? [],
      allowedClasses: columns.allowedClasses ?? [],
      description: columns.description ?? '',
      purposes: columns.purposes ?? [],
      effectiveFrom: columns.effectiveFrom ?? new Date(),
      language,
      wordingVersion: CONSENT_WORDING_VERSION,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      ...columns,
    });
    const view = await viewOf(tx, id);
    await recordAudit(tx, ctx, {
      action: 'consent.create',
      participantIds: [enrollment.participantId],
      targetType: 'consent',
      targetId: id,
      details: { kind: view.kind, templateId: input.templateId ?? null },
    });
    return view;
  });
}

/** Changes a draft; a signed consent never changes (409: make a new version). */
export async function updateConsentDraft(options: { db: Db; ctx: AccessContext; consentId: string; input: ConsentDraftInput }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    if (!isEditable(found.consent.status)) throw new AppError('conflict', 'errors.consent_signed');
    const columns = draftColumns(input);
    if (columns.disclosingOrgIds) await checkDisclosers(tx, found.enrollment.courtId, columns.disclosingOrgIds);
    if (columns.recipientUserIds) await checkRecipients(tx, columns.recipientUserIds);
    await tx
      .update(consents)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(consents.id, found.consent.id));
    await recordAudit(tx, ctx, {
      action: 'consent.update',
      participantIds: [found.consent.participantId],
      targetType: 'consent',
      targetId: found.consent.id,
      details: { fields: Object.keys(columns) },
    });
    return viewOf(tx, found.consent.id);
  });
}

export async function deleteConsentDraft(options: { db: Db; ctx: AccessContext; consentId: string }) {
  const { ctx } = options;
  await options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    if (!isEditable(found.consent.status)) throw new AppError('conflict', 'errors.consent_signed');
    await tx.delete(consents).where(eq(consents.id, found.consent.id));
    await recordAudit(tx, ctx, {
      action: 'consent.delete',
      participantIds: [found.consent.participantId],
      targetType: 'consent',
      targetId: found.consent.id,
    });
  });
}

/** The document's printable content, names resolved. */
async function documentOf(q: Queryable, row: ConsentRow, signing?: { signatureImage: Buffer | null; attestedBy: string | null }) {
  const [person] = await q
    .select({ first: participants.firstName, last: participants.lastName, dob: participants.dateOfBirth })
    .from(participants)
    .where(eq(participants.id, row.participantId));
  const [view] = await consentViews(q, [row]);
  const attestedId = signing?.attestedBy ?? row.attestedBy;
  const [attester] = attestedId ? await q.select({ name: users.displayName }).from(users).where(eq(users.id, attestedId)) : [];
  return renderConsent({
    id: row.id,
    version: row.version,
    kind: row.kind,
    language: row.language,
    participant: { name: `${person!.first} ${person!.last}`, dateOfBirth: person!.dob },
    disclosers: view!.disclosingOrgs.map((o) => o.name),
    recipientNames: view!.recipientUsers.map((u) => u.displayName),
    recipientRoles: row.recipientRoles,
    allowedClasses: row.allowedClasses,
    excludedClasses: row.excludedClasses,
    recordsFrom: row.recordsFrom,
    recordsTo: row.recordsTo,
    description: row.description,
    purposes: row.purposes,
    effectiveFrom: row.effectiveFrom,
    expiresAt: row.expiresAt,
    expiryEvent: row.expiryEvent,
    revocableAfterAt: row.revocableAfterAt,
    revocableAfterEvent: row.revocableAfterEvent,
    signedAt: row.signedAt,
    signers: row.signers,
    signatureImage: signing?.signatureImage ?? row.signatureImage,
    attestedBy: attester?.name ?? null,
    wordingVersion: row.wordingVersion,
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAGIC: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-'),
  'image/png': PNG_SIGNATURE,
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/** An uploaded file of the type it claims; an image must also be one PDFKit can draw (a broken one is the client's error). */
function decodeUpload(data: string, contentType: string, field: string): Buffer {
  const bytes = Buffer.from(data, 'base64');
  const image = contentType.startsWith('image/');
  if (!bytes.subarray(0, MAGIC[contentType]!.length).equals(MAGIC[contentType]!) || (image && !drawableImage(bytes))) {
    throw new AppError('validation', 'errors.upload_type', { fields: [{ path: field, message: 'errors.upload_type' }] });
  }
  return bytes;
}

/**
 * Signs a draft: checks every §2.31 element (validateConsent), keeps the signature (on screen) or the
 * scanned paper copy, renders the document with its hash, and makes the consent active. Signing a
 * new version requests revocation of the one it replaces (which, for §2.35, waits for its time).
 */
export async function signConsent(options: { db: Db; ctx: AccessContext; consentId: string; input: ConsentSign }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    const row = found.consent;
    if (!isEditable(row.status)) throw new AppError('conflict', 'errors.consent_signed');
    const { id: _id, version: _v, status: _s, signedAt: _sa, revocations: _r, ...rest } = consentOf(row, []);
    const problems = validateConsent({ ...rest, description: row.description });
    if (problems.length > 0) {
      throw new AppError('validation', 'errors.consent_incomplete', {
        fields: problems.map((p) => ({ path: p.field, message: `errors.consent.${p.code}` })),
      });
    }
    const onScreen = input.signers.some((s) => s.method === 'on_screen');
    const onPaper = input.signers.some((s) => s.method === 'paper');
    if (onScreen && !input.signatureImage) {
      throw new AppError('validation', 'errors.signature_missing', {
        fields: [{ path: 'signatureImage', message: 'errors.signature_missing' }],
      });
    }
    if (onPaper && !input.signedCopy) {
      throw new AppError('validation', 'errors.signed_copy_missing', {
        fields: [{ path: 'signedCopy', message: 'errors.signed_copy_missing' }],
      });
    }
    const signatureImage = input.signatureImage ? decodeUpload(input.signatureImage, 'image/png', 'signatureImage') : null;
    const signedCopy = input.signedCopy ? decodeUpload(input.signedCopy.data, input.signedCopy.contentType, 'signedCopy') : null;
    const now = new Date();
    const signedAt = pastInstant(input.signedAt, 'signedAt', now);
    const attestedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const signed: ConsentRow = { ...row, signedAt, signers: input.signers, signatureImage, attestedBy };
    const document = await documentOf(tx, signed, { signatureImage, attestedBy });
    await tx
      .update(consents)
      .set({
        status: 'active',
        signedAt,
        signers: input.signers,
        signatureImage,
        attestedBy,
        document,
        documentSha256: sha256Hex(document),
        signedCopy,
        signedCopyType: input.signedCopy?.contentType ?? null,
        signedCopySha256: signedCopy ? sha256Hex(signedCopy) : null,
        updatedAt: now,
      })
      .where(eq(consents.id, row.id));
    if (row.supersedesId) {
      // The version it replaces is revoked — unless it has already ended (the usual renewal after an expiry warning).
      const [previous] = await tx.select().from(consents).where(eq(consents.id, row.supersedesId));
      const state = previous ? consentState(consentOf(previous, await revocationsOf(tx, previous.id)), signedAt) : 'revoked';
      if (state === 'active' || state === 'revocation_requested') {
        await revoke(tx, ctx, row.supersedesId, { scope: 'whole', method: 'written', note: `v${row.version}` }, signedAt);
      }
    }
    await recordAudit(tx, ctx, {
      action: 'consent.sign',
      participantIds: [row.participantId],
      targetType: 'consent',
      targetId: row.id,
      details: { version: row.version, documentSha256: sha256Hex(document), methods: input.signers.map((s) => s.method) },
    });
    return viewOf(tx, row.id);
  });
}

/** Starts the next version of a signed consent as a draft with the same content. */
export async function newConsentVersion(options: { db: Db; ctx: AccessContext; consentId: string }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    const row = found.consent;
    const state = consentState(consentOf(row, await revocationsOf(tx, row.id)), new Date());
    if (state === 'draft' || state === 'revoked' || state === 'expired')
      throw new AppError('conflict', 'errors.consent_not_active');
    const [latest] = await tx
      .select({ version: max(consents.version) })
      .from(consents)
      .where(eq(consents.seriesId, row.seriesId));
    if ((latest?.version ?? row.version) !== row.version) throw new AppError('conflict', 'errors.consent_has_newer_version');
    const id = crypto.randomUUID();
    await tx.insert(consents).values({
      id,
      seriesId: row.seriesId,
      version: row.version + 1,
      participantId: row.participantId,
      enrollmentId: row.enrollmentId,
      kind: row.kind,
      templateId: row.templateId,
      disclosingOrgIds: row.disclosingOrgIds,
      recipientUserIds: row.recipientUserIds,
      recipientRoles: row.recipientRoles,
      allowedClasses: row.allowedClasses,
      excludedClasses: row.excludedClasses,
      recordsFrom: row.recordsFrom,
      recordsTo: row.recordsTo,
      description: row.description,
      purposes: row.purposes,
      effectiveFrom: new Date(),
      expiresAt: row.expiresAt,
      expiryEvent: row.expiryEvent,
      revocableAfterAt: row.revocableAfterAt,
      revocableAfterEvent: row.revocableAfterEvent,
      language: row.language,
      wordingVersion: CONSENT_WORDING_VERSION,
      supersedesId: row.id,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    await recordAudit(tx, ctx, {
      action: 'consent.new_version',
      participantIds: [row.participantId],
      targetType: 'consent',
      targetId: id,
      details: { supersedes: row.id, version: row.version + 1 },
    });
    return viewOf(tx, id);
  });
}

/** Records a revocation request and moves the consent's status; the disclosure rule applies its timing. */
async function revoke(
  q: Queryable,
  ctx: AccessContext,
  consentId: string,
  input: Pick<RevocationCreate, 'scope' | 'userId' | 'role' | 'method' | 'note'>,
  requestedAt: Date,
) {
  const [row] = await q.select().from(consents).where(eq(consents.id, consentId)).for('update');
  if (!row) throw notFound();
  const existing = await revocationsOf(q, row.id);
  const state = consentState(consentOf(row, existing), requestedAt);
  if (state === 'draft' || state === 'revoked' || state === 'expired')
    throw new AppError('conflict', 'errors.consent_not_active');
  const [revocation] = await q
    .insert(consentRevocations)
    .values({
      consentId: row.id,
      participantId: row.participantId,
      scope: input.scope,
      userId: input.scope === 'user' ? input.userId! : null,
      role: input.scope === 'role' ? input.role! : null,
      requestedAt,
      method: input.method,
      note: input.note ?? null,
      recordedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    })
    .returning();
  const consent = consentOf(row, [...existing, revocation!]);
  const effectiveAt = revocationEffectiveAt(consent, consent.revocations.at(-1)!);
  if (input.scope === 'whole') {
    const now = new Date();
    const status = effectiveAt !== null && effectiveAt <= now ? 'revoked' : 'revocation_requested';
    await q.update(consents).set({ status, updatedAt: now }).where(eq(consents.id, row.id));
  }
  return { revocationId: revocation!.id, effectiveAt };
}

/** The participant asks to revoke (all of it, or for one person or role). */
export async function revokeConsent(options: { db: Db; ctx: AccessContext; consentId: string; input: RevocationCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    const requestedAt = pastInstant(input.requestedAt, 'requestedAt');
    if (input.scope === 'user') await checkRecipients(tx, [input.userId!]);
    const result = await revoke(tx, ctx, found.consent.id, input, requestedAt);
    await recordAudit(tx, ctx, {
      action: 'consent.revoke',
      participantIds: [found.consent.participantId],
      targetType: 'consent',
      targetId: found.consent.id,
      details: { scope: input.scope, userId: input.userId ?? null, role: input.role ?? null, effectiveAt: result.effectiveAt },
    });
    return viewOf(tx, found.consent.id);
  });
}

/** Records that a consent's expiry event or its revocation point (e.g. final disposition) has happened. */
export async function recordConsentEvent(options: {
  db: Db;
  ctx: AccessContext;
  consentId: string;
  event: 'expiry' | 'revocable_after';
  occurredAt: string;
}) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const found = await findConsentForWrite(tx, ctx, options.consentId);
    if (!found) throw notFound();
    await requireManager(tx, ctx, found.enrollment);
    const row = found.consent;
    if (row.status === 'draft') throw new AppError('conflict', 'errors.consent_not_active');
    const described = options.event === 'expiry' ? row.expiryEvent : row.revocableAfterEvent;
    if (!described) throw new AppError('conflict', 'errors.consent_no_such_event');
    const now = new Date();
    const occurredAt = pastInstant(options.occurredAt, 'occurredAt', now);
    const set =
      options.event === 'expiry' ? { expiryEventOccurredAt: occurredAt } : { revocableAfterEventOccurredAt: occurredAt };
    await tx
      .update(consents)
      .set({ ...set, updatedAt: now })
      .where(eq(consents.id, row.id));
    const updated = { ...row, ...set };
    const consent = consentOf(updated, await revocationsOf(tx, row.id));
    if (consentState(consent, now) === 'revoked' && row.status !== 'revoked') {
      await tx.update(consents).set({ status: 'revoked', updatedAt: now }).where(eq(consents.id, row.id));
    }
    await recordAudit(tx, ctx, {
      action: 'consent.event',
      participantIds: [row.participantId],
      targetType: 'consent',
      targetId: row.id,
      details: { event: options.event, occurredAt: occurredAt.toISOString() },
    });
    return viewOf(tx, row.id);
  });
}

/** A participant's consents (on the cases the actor sees), audited. */
export async function readConsents(options: { db: Db; ctx: AccessContext; participantId: string }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const listed = await listParticipantConsents(tx, ctx, options.participantId);
    if (!listed) throw notFound();
    const items = await consentViews(tx, listed.rows);
    let canManage = false;
    let programStaff = false;
    const cases = await tx
      .select({ id: enrollments.id, courtId: enrollments.courtId })
      .from(enrollments)
      .where(inArray(enrollments.id, listed.enrollmentIds));
    for (const enrollment of cases) {
      const authority = await consentAuthority(tx, ctx, enrollment);
      if (authority.manage) canManage = true;
      if (authority.program) programStaff = true;
    }
    await recordAudit(tx, ctx, {
      action: 'consent.list',
      participantIds: [options.participantId],
      targetType: 'participant',
      targetId: options.participantId,
      details: { consents: items.length },
    });
    return { items, canManage, programStaff };
  });
}

/** One consent, audited (for its FHIR export). */
export async function readConsent(options: { db: Db; ctx: AccessContext; consentId: string; as: 'fhir' }): Promise<ConsentView> {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const row = await findVisibleConsent(tx, ctx, options.consentId);
    if (!row) throw notFound();
    const [view] = await consentViews(tx, [row]);
    await recordAudit(tx, ctx, {
      action: 'consent.read',
      participantIds: [row.participantId],
      targetType: 'consent',
      targetId: row.id,
      details: { as: options.as },
    });
    return view!;
  });
}

/** The consent's PDF: the signed document as stored, or a draft rendered now (marked as a draft). */
export async function readConsentDocument(options: {
  db: Db;
  ctx: AccessContext;
  consentId: string;
  copy: 'document' | 'signed';
}) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const row = await findVisibleConsent(tx, ctx, options.consentId);
    if (!row) throw notFound();
    let bytes: Buffer;
    let contentType = 'application/pdf';
    if (options.copy === 'signed') {
      if (!row.signedCopy) throw notFound();
      bytes = row.signedCopy;
      contentType = row.signedCopyType ?? 'application/octet-stream';
    } else {
      bytes = row.document ?? (await documentOf(tx, row));
    }
    await recordAudit(tx, ctx, {
      action: 'consent.document.read',
      participantIds: [row.participantId],
      targetType: 'consent',
      targetId: row.id,
      details: { copy: options.copy, sha256: sha256Hex(bytes) },
    });
    return {
      bytes,
      contentType,
      fileName: `consent-${row.id}-v${row.version}${contentType === 'application/pdf' ? '.pdf' : ''}`,
    };
  });
}
