import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { userNames } from '../users/users.repository.js';
import type { ConsentView } from './consent.schema.js';
import { consentRevocations, consents } from './consent.tables.js';
import { type Consent, consentState, type Revocation, revocationEffectiveAt } from './decide-disclosure.js';

export type ConsentRow = typeof consents.$inferSelect;
export type RevocationRow = typeof consentRevocations.$inferSelect;

const EXPIRY_WARNING_DAYS = 30;

function revocationOf(row: RevocationRow): Revocation {
  return {
    requestedAt: row.requestedAt,
    scope:
      row.scope === 'whole'
        ? { kind: 'whole' }
        : row.scope === 'user'
          ? { kind: 'user', userId: row.userId! }
          : { kind: 'role', role: row.role as TeamRole },
  };
}

/** A stored consent as the disclosure decision reads it. */
export function consentOf(row: ConsentRow, revocations: RevocationRow[]): Consent {
  const event = (description: string | null, occurredAt: Date | null) => (description ? { description, occurredAt } : null);
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    status: row.status,
    participantId: row.participantId,
    enrollmentId: row.enrollmentId,
    disclosingOrgIds: row.disclosingOrgIds,
    recipients: { userIds: row.recipientUserIds, roles: row.recipientRoles },
    allowedClasses: row.allowedClasses,
    excludedClasses: row.excludedClasses,
    recordsFrom: row.recordsFrom,
    recordsTo: row.recordsTo,
    purposes: row.purposes,
    signedAt: row.signedAt,
    effectiveFrom: row.effectiveFrom,
    expiresAt: row.expiresAt,
    expiryEvent: event(row.expiryEvent, row.expiryEventOccurredAt),
    revocableAfter:
      row.revocableAfterAt || row.revocableAfterEvent
        ? { at: row.revocableAfterAt, event: event(row.revocableAfterEvent, row.revocableAfterEventOccurredAt) }
        : null,
    revocations: revocations.map(revocationOf),
  };
}

async function namesOf(q: Queryable, userIds: (string | null)[], orgIds: string[]) {
  const orgRows =
    orgIds.length > 0
      ? await q
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, [...new Set(orgIds)]))
      : [];
  return {
    user: await userNames(q, userIds),
    org: new Map(orgRows.map((r) => [r.id, r.name])),
  };
}

/** Consents with their revocations and names, as people are shown them. */
export async function consentViews(q: Queryable, rows: ConsentRow[], now = new Date()): Promise<ConsentView[]> {
  if (rows.length === 0) return [];
  const revocations = await q
    .select()
    .from(consentRevocations)
    .where(
      inArray(
        consentRevocations.consentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(consentRevocations.requestedAt));
  const names = await namesOf(
    q,
    [
      ...rows.flatMap((r) => [...r.recipientUserIds, r.createdBy, r.attestedBy]),
      ...revocations.flatMap((r) => [r.userId, r.recordedBy]),
    ],
    rows.flatMap((r) => r.disclosingOrgIds),
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((row) => {
    const own = revocations.filter((r) => r.consentId === row.id);
    const consent = consentOf(row, own);
    const state = consentState(consent, now);
    const soon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
    return {
      id: row.id,
      seriesId: row.seriesId,
      version: row.version,
      participantId: row.participantId,
      enrollmentId: row.enrollmentId,
      kind: row.kind,
      state,
      expiringSoon: (state === 'active' || state === 'revocation_requested') && row.expiresAt !== null && row.expiresAt <= soon,
      templateId: row.templateId,
      disclosingOrgs: row.disclosingOrgIds.map((id) => ({ id, name: names.org.get(id) ?? '' })),
      recipientUsers: row.recipientUserIds.map((id) => ({ id, displayName: names.user.get(id) ?? '' })),
      recipientRoles: row.recipientRoles,
      allowedClasses: row.allowedClasses,
      excludedClasses: row.excludedClasses,
      recordsFrom: iso(row.recordsFrom),
      recordsTo: iso(row.recordsTo),
      description: row.description,
      purposes: row.purposes as ConsentView['purposes'],
      effectiveFrom: row.effectiveFrom.toISOString(),
      expiresAt: iso(row.expiresAt),
      expiryEvent: row.expiryEvent,
      expiryEventOccurredAt: iso(row.expiryEventOccurredAt),
      revocableAfterAt: iso(row.revocableAfterAt),
      revocableAfterEvent: row.revocableAfterEvent,
      revocableAfterEventOccurredAt: iso(row.revocableAfterEventOccurredAt),
      language: row.language,
      wordingVersion: row.wordingVersion,
      signedAt: iso(row.signedAt),
      signers: row.signers,
      attestedByName: row.attestedBy ? (names.user.get(row.attestedBy) ?? null) : null,
      documentSha256: row.documentSha256,
      signedCopySha256: row.signedCopySha256,
      supersedesId: row.supersedesId,
      createdAt: row.createdAt.toISOString(),
      createdByName: row.createdBy ? (names.user.get(row.createdBy) ?? null) : null,
      revocations: own.map((r, i) => ({
        id: r.id,
        scope: r.scope,
        userId: r.userId,
        userName: r.userId ? (names.user.get(r.userId) ?? null) : null,
        role: (r.role as TeamRole | null) ?? null,
        requestedAt: r.requestedAt.toISOString(),
        effectiveAt: iso(revocationEffectiveAt(consent, consent.revocations[i]!)),
        method: r.method,
        note: r.note,
        recordedByName: r.recordedBy ? (names.user.get(r.recordedBy) ?? null) : null,
      })),
    };
  });
}

/** The consents of a participant on the enrollments the actor may see, newest first; null when none is visible. */
export async function listParticipantConsents(q: Queryable, ctx: AccessContext, participantId: string) {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) return null;
  const rows = await q
    .select()
    .from(consents)
    .where(and(eq(consents.participantId, participantId), inArray(consents.enrollmentId, enrollmentIds)))
    .orderBy(asc(consents.createdAt));
  return { enrollmentIds, rows: rows.reverse() };
}

/** A consent on an enrollment the actor may see, locked with its enrollment for a change; null when not visible. */
export async function findConsentForWrite(q: Queryable, ctx: AccessContext, consentId: string) {
  const [row] = await q.select().from(consents).where(eq(consents.id, consentId)).for('update');
  if (!row) return null;
  const enrollment = await findEnrollmentForWrite(q, ctx, row.enrollmentId);
  if (!enrollment) return null;
  return { consent: row, enrollment };
}

/** A consent on an enrollment the actor may see (for reading); null when not visible. */
export async function findVisibleConsent(q: Queryable, ctx: AccessContext, consentId: string): Promise<ConsentRow | null> {
  const [row] = await q.select().from(consents).where(eq(consents.id, consentId));
  if (!row) return null;
  const visible = await visibleEnrollmentIds(q, ctx, row.participantId);
  return visible.includes(row.enrollmentId) ? row : null;
}

/** The revocations of one consent, oldest first. */
export async function revocationsOf(q: Queryable, consentId: string): Promise<RevocationRow[]> {
  return q
    .select()
    .from(consentRevocations)
    .where(eq(consentRevocations.consentId, consentId))
    .orderBy(asc(consentRevocations.requestedAt));
}
