import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type AccessContext, type ActorMembership, purposeFor, type UserActor } from '../access/access-context.js';
import { ZPreviewClass } from '../consent/consent.schema.js';
import { documentLocale } from '../consent/consent-wording.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import type { OrganizationKind } from '../organizations/organizations.schema.js';
import { type TeamRole, ZTeamRole } from '../participants/participants.schema.js';
import { caseTeamMembers, participants } from '../participants/participants.tables.js';
import { DATA_CLASSES, TREATMENT_CLASSES } from '../records/data-classes.js';
import { ZLocale } from '../users/users.schema.js';
import { users } from '../users/users.tables.js';
import { presentEntries, shownRecords } from './present-entries.js';
import { visibleTimelineRecords } from './read-timeline.js';
import { ZTimelineEntry } from './timeline.schema.js';

/*
 * "What can they see?" — for the participant, with their counselor or coordinator: pick a member of
 * the case team and see exactly the records that person receives, and for every class of record
 * whether it is shared with them and why not. The same policy that guards every read decides it.
 * The caller sees only records they may see themselves (the preview never widens their own view).
 */

export const ZPreviewQuery = z
  .object({
    /** A member of the case team… */
    userId: z.uuid().optional(),
    /** …or anyone who would hold this role on the case (named nowhere else). */
    role: ZTeamRole.optional(),
  })
  .refine((q) => (q.userId === undefined) !== (q.role === undefined), {
    message: 'Give a team member (userId) or a role, not both.',
    path: ['userId'],
  });

export const ZPreview = z.object({
  participantId: z.uuid(),
  /** The participant's language, for showing the preview to them. */
  participantLanguage: ZLocale,
  /** The person previewed (userId), or a holder of a role on the case (role; userId null). */
  target: z.object({
    userId: z.uuid().nullable(),
    role: ZTeamRole.nullable(),
    displayName: z.string(),
    roles: z.array(ZTeamRole),
  }),
  classes: z.array(ZPreviewClass),
  entries: z.array(ZTimelineEntry),
  /** The entries include treatment records disclosed to the caller: they carry the §2.32 notice. */
  redisclosureNotice: z.boolean(),
});
export type Preview = z.infer<typeof ZPreview>;

async function actorOf(q: Queryable, userId: string): Promise<UserActor | null> {
  const result = await q.execute<{ id: string; email: string; display_name: string; memberships: ActorMembership[] }>(sql`
    SELECT u.id, u.email, u.display_name,
           coalesce((SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name,
                                                       'organizationKind', o.kind, 'role', m.role))
                     FROM memberships m JOIN organizations o ON o.id = m.organization_id
                     WHERE m.user_id = u.id AND o.active), '[]'::json) AS memberships
    FROM users u WHERE u.id = ${userId} AND u.status = 'active'`);
  const row = result.rows[0];
  return row
    ? { kind: 'user', userId: row.id, email: row.email, displayName: row.display_name, memberships: row.memberships }
    : null;
}

/** The kind of organization a role on a case belongs to. */
const ROLE_ORGANIZATION: Record<TeamRole, OrganizationKind> = {
  judge: 'court',
  coordinator: 'court',
  case_manager: 'court',
  probation_officer: 'probation',
  prosecutor: 'prosecution',
  defense_attorney: 'defense',
  peer_specialist: 'community_partner',
  treatment_provider: 'treatment_provider',
};
/** Stands for an organization and a person nobody else is: a role's holder named by no consent, holding no records. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** Someone holding `role` on the participant's case and nothing else: the court's, for its own roles. */
function roleHolder(role: TeamRole, courtId: string): UserActor {
  const kind = ROLE_ORGANIZATION[role];
  return {
    kind: 'user',
    userId: NOBODY,
    email: '',
    displayName: '',
    memberships: [{ organizationId: kind === 'court' ? courtId : NOBODY, organizationName: '', organizationKind: kind, role }],
  };
}

export async function previewTimeline(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  userId?: string | undefined;
  role?: TeamRole | undefined;
}): Promise<Preview> {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    const mine = await visibleTimelineRecords(tx, ctx, participantId);
    if (!mine) throw notFound();
    const viewerEnrollments = mine.enrollmentIds;
    const [enrollment] = await tx
      .execute<{ court_id: string }>(sql`SELECT court_id FROM enrollments WHERE id = ${viewerEnrollments[0]!}`)
      .then((r) => r.rows);
    let target: UserActor | null;
    let roles: TeamRole[];
    let policy: DisclosurePolicy;
    let theirIds: Set<string> | null;
    let readerCtx: AccessContext;
    if (options.userId !== undefined) {
      // The person previewed serves on one of the cases the caller sees.
      const team = await tx
        .select({ role: caseTeamMembers.role })
        .from(caseTeamMembers)
        .where(
          and(
            eq(caseTeamMembers.userId, options.userId),
            inArray(caseTeamMembers.enrollmentId, viewerEnrollments),
            isNull(caseTeamMembers.endedOn),
          ),
        );
      target = team.length > 0 ? await actorOf(tx, options.userId) : null;
      if (!target) {
        throw new AppError('validation', 'errors.preview_not_on_team', {
          fields: [{ path: 'userId', message: 'errors.preview_not_on_team' }],
        });
      }
      roles = [...new Set(team.map((t) => t.role as TeamRole))];
      const targetCtx: AccessContext = { ...ctx, actor: target, purpose: purposeFor(target) };
      const theirs = await visibleTimelineRecords(tx, targetCtx, participantId);
      theirIds = theirs ? new Set(theirs.records.map((r) => r.entry.id)) : null;
      policy = DisclosurePolicy.for(targetCtx);
      readerCtx = targetCtx;
    } else {
      // Anyone holding the role on his case: the same policy, with that role and no name of their own.
      const role = options.role!;
      target = roleHolder(role, enrollment!.court_id);
      roles = [role];
      readerCtx = { ...ctx, actor: target, purpose: purposeFor(target) };
      policy = DisclosurePolicy.for(readerCtx, new Date(), { caseRoles: [role] });
      const decided = await policy.visible(tx, mine.records, (r) => r.record);
      theirIds = new Set(decided.map((r) => r.entry.id));
    }
    // The records both may see, as the caller is shown them; what the caller is shown here is disclosed to
    // the caller, like any other read (R7).
    // Shown as they read them: a test reads from what they may see.
    const entries = await presentEntries(
      tx,
      readerCtx,
      policy,
      participantId,
      mine.records.filter((r) => theirIds?.has(r.entry.id)),
    );
    const shown = shownRecords(mine.records, entries);
    mine.policy.disclose(shown, (r) => r.record);

    // Every class, decided for them on a record of each source that could hold it.
    const sources = await policy.part2SourcesOf(tx, participantId);
    const probe = (dataClass: (typeof DATA_CLASSES)[number], custodianOrgId: string, part2: boolean): DisclosureRecord => ({
      participantId,
      custodianOrgId,
      custodianIsPart2: part2,
      dataClass,
      occurredAt: policy.now,
      enteredBy: null,
    });
    const treatment = new Set<string>(TREATMENT_CLASSES);
    const probes = DATA_CLASSES.map((dataClass) =>
      treatment.has(dataClass)
        ? (sources.length > 0 ? sources : [NOBODY]).map((org) => probe(dataClass, org, true))
        : [probe(dataClass, enrollment!.court_id, false)],
    );
    await policy.prepare(tx, probes.flat());
    const classes = DATA_CLASSES.map((dataClass, i) => {
      if (theirIds === null) return { dataClass, shared: false, rule: 'not_on_case', consentId: null };
      const decisions = probes[i]!.map((p) => policy.decide(p));
      const permitted = decisions.find((d) => d.permit);
      const decision = permitted ?? decisions[0]!;
      return {
        dataClass,
        shared: Boolean(permitted),
        rule: decision.reason.rule,
        consentId: decision.reason.rule === 'consent' ? decision.reason.consentId : null,
      };
    });
    const [person] = await tx
      .select({ language: participants.language })
      .from(participants)
      .where(eq(participants.id, participantId));
    const [who] =
      options.userId !== undefined
        ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, options.userId))
        : [];
    const disclosureIds = await recordRead(tx, ctx, mine.policy, 'screen', {
      action: 'consent.preview',
      participantIds: [participantId],
      targetType: options.userId !== undefined ? 'user' : 'role',
      ...(options.userId !== undefined ? { targetId: options.userId } : {}),
      details: { role: options.role ?? null, entries: shown.length },
    });
    return {
      participantId,
      participantLanguage: documentLocale(person?.language),
      target: {
        userId: options.userId ?? null,
        role: options.role ?? null,
        displayName: who?.name ?? target.displayName,
        roles,
      },
      classes,
      entries,
      redisclosureNotice: disclosureIds.length > 0,
    };
  });
}
