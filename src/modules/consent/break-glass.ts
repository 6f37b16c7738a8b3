import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import { participants } from '../participants/participants.tables.js';
import { users } from '../users/users.tables.js';
import type { ZBreakGlass, ZBreakGlassReview } from './consent.schema.js';
import { breakGlassGrants } from './consent.tables.js';
import { disclosureActorBase } from './disclosure-policy.js';

/*
 * Emergency ("break-glass") access, R11: a clinician of a treatment program who already sees the
 * participant may open the treatment records other programs hold, for treatment, in a medical
 * emergency — with a stated reason, for a limited time (TANDEM_BREAK_GLASS_HOURS), each use listed
 * for a privacy officer's review. Never for court, probation, prosecution or defense staff, and
 * never for counseling notes. What it opens is accounted like any disclosure.
 */

type Grant = z.infer<typeof ZBreakGlass>;

/** Opens emergency access for the caller; 403 for anyone but clinical staff outside the court side. */
export async function openBreakGlass(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  reason: string;
  hours: number;
}) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    if ((await visibleEnrollmentIds(tx, ctx, options.participantId)).length === 0) throw notFound();
    const actor = ctx.actor;
    const base = disclosureActorBase(actor);
    if (actor.kind !== 'user' || !base.clinical || base.courtSide)
      throw new AppError('forbidden', 'errors.break_glass_clinical_only');
    const organizationId = actor.memberships.find(
      (m) => m.role === 'treatment_provider' && m.organizationKind === 'treatment_provider',
    )!.organizationId;
    const startsAt = new Date();
    const [grant] = await tx
      .insert(breakGlassGrants)
      .values({
        userId: actor.userId,
        organizationId,
        participantId: options.participantId,
        reason: options.reason,
        startsAt,
        expiresAt: new Date(startsAt.getTime() + options.hours * 3_600_000),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'break_glass.open',
      participantIds: [options.participantId],
      targetType: 'break_glass',
      targetId: grant!.id,
      details: { expiresAt: grant!.expiresAt.toISOString() },
    });
    return { id: grant!.id, expiresAt: grant!.expiresAt.toISOString() };
  });
}

/** Organizations whose privacy officer the actor is. */
/**
 * The treatment programs whose privacy officer the actor is. Emergency access is a treatment
 * program's matter (its records, its clinicians), so the role counts in those organizations only: a
 * privacy officer of a court or another agency reviews nothing here.
 */
function privacyOrgs(ctx: AccessContext): string[] {
  return ctx.actor.kind === 'user'
    ? ctx.actor.memberships
        .filter((m) => m.role === 'privacy_officer' && m.organizationKind === 'treatment_provider')
        .map((m) => m.organizationId)
    : [];
}

/**
 * Emergency accesses for a privacy officer to review: those opened by staff of their organization,
 * and those that reached records their organization holds.
 */
export async function listBreakGlass(options: { db: Db; ctx: AccessContext; unreviewedOnly: boolean }) {
  const { ctx } = options;
  const orgIds = privacyOrgs(ctx);
  if (orgIds.length === 0) throw new AppError('forbidden');
  return options.db.transaction(async (tx) => {
    const reviewer = users;
    const rows = await tx
      .select({
        g: breakGlassGrants,
        userName: users.displayName,
        organizationName: organizations.name,
        first: participants.firstName,
        last: participants.lastName,
        reviewedByName: sql<string | null>`(SELECT display_name FROM users r WHERE r.id = ${breakGlassGrants.reviewedBy})`,
      })
      .from(breakGlassGrants)
      .innerJoin(reviewer, eq(reviewer.id, breakGlassGrants.userId))
      .innerJoin(organizations, eq(organizations.id, breakGlassGrants.organizationId))
      .innerJoin(participants, eq(participants.id, breakGlassGrants.participantId))
      .where(
        and(
          or(
            inArray(breakGlassGrants.organizationId, orgIds),
            sql`EXISTS (SELECT 1 FROM participant_record_holders h WHERE h.participant_id = ${breakGlassGrants.participantId} AND h.organization_id IN ${orgIds})`,
          ),
          options.unreviewedOnly ? isNull(breakGlassGrants.reviewedAt) : undefined,
        ),
      )
      .orderBy(desc(breakGlassGrants.startsAt))
      .limit(500);
    const items: Grant[] = rows.map((r) => ({
      id: r.g.id,
      userId: r.g.userId,
      userName: r.userName,
      organizationName: r.organizationName,
      participantId: r.g.participantId,
      participantName: `${r.first} ${r.last}`,
      reason: r.g.reason,
      startsAt: r.g.startsAt.toISOString(),
      expiresAt: r.g.expiresAt.toISOString(),
      reviewedAt: r.g.reviewedAt?.toISOString() ?? null,
      reviewedByName: r.reviewedByName,
      reviewOutcome: r.g.reviewOutcome,
      reviewNote: r.g.reviewNote,
    }));
    await recordAudit(tx, ctx, {
      action: 'break_glass.list',
      participantIds: [...new Set(items.map((i) => i.participantId))],
      details: { unreviewedOnly: options.unreviewedOnly, count: items.length },
    });
    return items;
  });
}

export async function reviewBreakGlass(options: {
  db: Db;
  ctx: AccessContext;
  grantId: string;
  input: z.infer<typeof ZBreakGlassReview>;
}) {
  const { ctx, input } = options;
  const orgIds = privacyOrgs(ctx);
  if (orgIds.length === 0) throw new AppError('forbidden');
  return options.db.transaction(async (tx) => {
    const [grant] = await tx
      .select()
      .from(breakGlassGrants)
      .where(
        and(
          eq(breakGlassGrants.id, options.grantId),
          or(
            inArray(breakGlassGrants.organizationId, orgIds),
            sql`EXISTS (SELECT 1 FROM participant_record_holders h WHERE h.participant_id = ${breakGlassGrants.participantId} AND h.organization_id IN ${orgIds})`,
          ),
        ),
      )
      .for('update');
    if (!grant) throw notFound();
    if (grant.reviewedAt) throw new AppError('conflict', 'errors.break_glass_reviewed');
    if (ctx.actor.kind === 'user' && grant.userId === ctx.actor.userId) throw new AppError('forbidden', 'errors.break_glass_own');
    await tx
      .update(breakGlassGrants)
      .set({
        reviewedAt: new Date(),
        reviewedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        reviewOutcome: input.outcome,
        reviewNote: input.note ?? null,
      })
      .where(eq(breakGlassGrants.id, grant.id));
    await recordAudit(tx, ctx, {
      action: 'break_glass.review',
      participantIds: [grant.participantId],
      targetType: 'break_glass',
      targetId: grant.id,
      details: { outcome: input.outcome },
    });
  });
}
