import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { findEnrollmentForWrite, visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { caseTeamMembers } from '../participants/participants.tables.js';
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

/**
 * Which of a participant's consents the actor learns of. A consent tells who may receive what from
 * which program, so it is shown to the treatment program's own staff on its case (or the program's
 * integration), to the people it names — by name, or by the role they hold on the case it was signed
 * for — and to whoever drafted or attested it. Everyone else on the case sees neither it nor a sign
 * of it: a treatment consent naming another program, or a counseling-notes consent, stays out of the
 * court's sight.
 */
export async function consentReader(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
): Promise<(row: ConsentRow) => boolean> {
  const actor = ctx.actor;
  if (actor.kind === 'token') return (row) => row.disclosingOrgIds.includes(actor.organizationId);
  const roles = await q
    .select({ enrollmentId: caseTeamMembers.enrollmentId, role: caseTeamMembers.role, part2: organizations.part2Program })
    .from(caseTeamMembers)
    .innerJoin(organizations, eq(organizations.id, caseTeamMembers.organizationId))
    .where(
      and(
        eq(caseTeamMembers.participantId, participantId),
        eq(caseTeamMembers.userId, actor.userId),
        isNull(caseTeamMembers.endedOn),
      ),
    );
  const programCases = new Set(
    roles.filter((r) => r.part2 && (r.role === 'treatment_provider' || r.role === 'case_manager')).map((r) => r.enrollmentId),
  );
  return (row) =>
    programCases.has(row.enrollmentId) ||
    row.recipientUserIds.includes(actor.userId) ||
    roles.some((r) => r.enrollmentId === row.enrollmentId && row.recipientRoles.includes(r.role)) ||
    row.createdBy === actor.userId ||
    row.attestedBy === actor.userId;
}

/** The consents of a participant the actor may see (consentReader), newest first; null when the participant is not visible. */
export async function listParticipantConsents(q: Queryable, ctx: AccessContext, participantId: string) {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) return null;
  const rows = await q
    .select()
    .from(consents)
    .where(and(eq(consents.participantId, participantId), inArray(consents.enrollmentId, enrollmentIds)))
    .orderBy(asc(consents.createdAt));
  const shown = await consentReader(q, ctx, participantId);
  return { enrollmentIds, rows: rows.filter(shown).reverse() };
}

/** A consent the actor may see, locked with its enrollment for a change; null when not visible. */
export async function findConsentForWrite(q: Queryable, ctx: AccessContext, consentId: string) {
  const [row] = await q.select().from(consents).where(eq(consents.id, consentId)).for('update');
  if (!row) return null;
  const enrollment = await findEnrollmentForWrite(q, ctx, row.enrollmentId);
  if (!enrollment) return null;
  if (!(await consentReader(q, ctx, row.participantId))(row)) return null;
  return { consent: row, enrollment };
}

/** A consent the actor may see (for reading); null when not visible. */
export async function findVisibleConsent(q: Queryable, ctx: AccessContext, consentId: string): Promise<ConsentRow | null> {
  const [row] = await q.select().from(consents).where(eq(consents.id, consentId));
  if (!row) return null;
  const visible = await visibleEnrollmentIds(q, ctx, row.participantId);
  if (!visible.includes(row.enrollmentId)) return null;
  return (await consentReader(q, ctx, row.participantId))(row) ? row : null;
}

/** The revocations of one consent, oldest first. */
export async function revocationsOf(q: Queryable, consentId: string): Promise<RevocationRow[]> {
  return q
    .select()
    .from(consentRevocations)
    .where(eq(consentRevocations.consentId, consentId))
    .orderBy(asc(consentRevocations.requestedAt));
}
