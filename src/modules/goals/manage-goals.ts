import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import type { AccessContext } from '../access/access-context.js';
import { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { disclosureRecordOf } from '../consent/disclosure-record.js';
import { recordingRole } from '../participants/case-roles.js';
import { type EnrollmentForWrite, findEnrollmentForWrite } from '../participants/participants.repository.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { recordOrigin } from '../records/record-columns.js';
import { noteRecordHolder } from '../records/record-holders.js';
import { GOAL_ROLES, treatmentSide } from './goal-kinds.js';
import type { DecisionCreate, GoalCreate, GoalUpdate, PlanUpdate, StepCreate } from './goals.schema.js';
import { alignmentDecisions, goalEvents, goals, planSteps, treatmentPlans } from './goals.tables.js';

/*
 * Recording goals and the plan. A goal is recorded by someone on the case in a role that records goals
 * of its owner — the mandate's by the court or probation, the provider's and the participant's own by
 * the treatment team — and held by the organization they serve it for. Only its holder changes it:
 * rewords it, reclassifies it (proximal or distal, with the reason, kept as history), marks it met or
 * sets it aside, notes progress, records an observation, adds and closes the steps of the plan. A
 * goal the actor may not see answers as if it did not exist.
 */

const userOf = (ctx: AccessContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Roles that keep the plan as a whole (skills, supports, review date): the treatment team's. */
const PLAN_ROLES: readonly TeamRole[] = ['treatment_provider', 'case_manager'];
/** Roles that record the team's decision on an alignment finding: anyone who records goals. */
const DECISION_ROLES: readonly TeamRole[] = [...new Set(Object.values(GOAL_ROLES).flat())];

function assertNotFuture(day: string | null | undefined, enrollment: EnrollmentForWrite, path: string) {
  if (day && day > todayIn(enrollment.timeZone)) {
    throw new AppError('validation', 'errors.date_in_future', { fields: [{ path, message: 'errors.date_in_future' }] });
  }
}

/**
 * A goal its holder may change, locked: 404 when the actor may not see it, 403 when they see it but
 * do not hold it in a role that records goals of its owner.
 */
async function goalForWrite(q: Queryable, ctx: AccessContext, goalId: string) {
  const [row] = await q.select().from(goals).where(eq(goals.id, goalId)).for('update');
  if (!row) throw notFound();
  const enrollment = await findEnrollmentForWrite(q, ctx, row.enrollmentId);
  if (!enrollment) throw notFound();
  const role = await recordingRole(q, ctx, enrollment, GOAL_ROLES[row.owner], { organizationId: row.custodianOrgId }).catch(
    () => null,
  );
  if (!role) {
    const policy = DisclosurePolicy.for(ctx);
    const record = await disclosureRecordOf(q, row);
    await policy.prepare(q, [record]);
    if (!policy.decide(record).permit) throw notFound();
    throw new AppError('forbidden', 'errors.goal_holder');
  }
  return { row, enrollment };
}

export async function createGoal(options: { db: Db; ctx: AccessContext; input: GoalCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, GOAL_ROLES[input.owner], {
      message: `errors.goal_role_${input.owner}`,
      ...(input.owner === 'mandate' ? {} : { where: treatmentSide(enrollment.courtId) }),
    });
    const [row] = await tx
      .insert(goals)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        owner: input.owner,
        words: input.words,
        language: input.language,
        spectrum: input.spectrum,
        substances: input.substances,
        lifeArea: input.lifeArea,
        difficulty: input.difficulty,
        targetOn: input.targetOn,
        indicators: input.indicators,
        templateId: input.templateId,
        ...recordOrigin(ctx, role.organizationId),
      })
      .returning({ id: goals.id });
    // The history of its class begins with the class it was given.
    await tx
      .insert(goalEvents)
      .values({ goalId: row!.id, kind: 'classified', difficulty: input.difficulty, enteredBy: userOf(ctx) });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'goal.create',
      participantIds: [enrollment.participantId],
      targetType: 'goal',
      targetId: row!.id,
      details: { owner: input.owner, lifeArea: input.lifeArea, spectrum: input.spectrum, difficulty: input.difficulty },
    });
    return { id: row!.id };
  });
}

export async function updateGoal(options: { db: Db; ctx: AccessContext; goalId: string; input: GoalUpdate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { row } = await goalForWrite(tx, ctx, options.goalId);
    await tx
      .update(goals)
      .set({
        ...(input.words === undefined ? {} : { words: input.words }),
        ...(input.targetOn === undefined ? {} : { targetOn: input.targetOn }),
        ...(input.indicators === undefined ? {} : { indicators: input.indicators }),
        ...(input.status === undefined ? {} : { status: input.status }),
        updatedAt: new Date(),
      })
      .where(eq(goals.id, row.id));
    if (input.status !== undefined && input.status !== row.status) {
      await tx
        .insert(goalEvents)
        .values({ goalId: row.id, kind: 'status', status: input.status, note: input.statusNote, enteredBy: userOf(ctx) });
    }
    await recordAudit(tx, ctx, {
      action: 'goal.update',
      participantIds: [row.participantId],
      targetType: 'goal',
      targetId: row.id,
      details: { changed: Object.keys(input).filter((k) => k !== 'statusNote'), status: input.status ?? null },
    });
    return { id: row.id };
  });
}

/** Reclassifies a goal proximal or distal: who, when and why go into its history. */
export async function reclassifyGoal(options: {
  db: Db;
  ctx: AccessContext;
  goalId: string;
  input: { difficulty: 'proximal' | 'distal'; reason: string };
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { row } = await goalForWrite(tx, ctx, options.goalId);
    if (row.difficulty === input.difficulty) {
      throw new AppError('conflict', 'errors.goal_same_class', { params: { difficulty: input.difficulty } });
    }
    await tx.update(goals).set({ difficulty: input.difficulty, updatedAt: new Date() }).where(eq(goals.id, row.id));
    await tx
      .insert(goalEvents)
      .values({ goalId: row.id, kind: 'classified', difficulty: input.difficulty, note: input.reason, enteredBy: userOf(ctx) });
    await recordAudit(tx, ctx, {
      action: 'goal.reclassify',
      participantIds: [row.participantId],
      targetType: 'goal',
      targetId: row.id,
      details: { from: row.difficulty, to: input.difficulty },
    });
    return { id: row.id };
  });
}

export async function addProgressNote(options: { db: Db; ctx: AccessContext; goalId: string; note: string }) {
  const { ctx } = options;
  return options.db.transaction(async (tx) => {
    const { row } = await goalForWrite(tx, ctx, options.goalId);
    const [event] = await tx
      .insert(goalEvents)
      .values({ goalId: row.id, kind: 'progress', note: options.note, enteredBy: userOf(ctx) })
      .returning({ id: goalEvents.id });
    await recordAudit(tx, ctx, {
      action: 'goal.progress',
      participantIds: [row.participantId],
      targetType: 'goal',
      targetId: row.id,
      details: { event: event!.id },
    });
    return { id: event!.id };
  });
}

/** The team's observation of an observed indicator ("carries naloxone": yes, on this day). */
export async function recordObservation(options: {
  db: Db;
  ctx: AccessContext;
  goalId: string;
  input: { indicator: number; met: boolean; observedOn: string; note: string };
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { row, enrollment } = await goalForWrite(tx, ctx, options.goalId);
    if (row.indicators[input.indicator]?.kind !== 'observed') {
      throw new AppError('validation', 'errors.not_observed_indicator', {
        fields: [{ path: 'indicator', message: 'errors.not_observed_indicator' }],
      });
    }
    assertNotFuture(input.observedOn, enrollment, 'observedOn');
    const [event] = await tx
      .insert(goalEvents)
      .values({
        goalId: row.id,
        kind: 'observed',
        indicator: input.indicator,
        met: input.met,
        observedOn: input.observedOn,
        note: input.note,
        enteredBy: userOf(ctx),
      })
      .returning({ id: goalEvents.id });
    await recordAudit(tx, ctx, {
      action: 'goal.observe',
      participantIds: [row.participantId],
      targetType: 'goal',
      targetId: row.id,
      details: { indicator: input.indicator, met: input.met },
    });
    return { id: event!.id };
  });
}

export async function addStep(options: { db: Db; ctx: AccessContext; goalId: string; input: StepCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const { row } = await goalForWrite(tx, ctx, options.goalId);
    const [step] = await tx
      .insert(planSteps)
      .values({ goalId: row.id, ...input, enteredBy: userOf(ctx) })
      .returning({ id: planSteps.id });
    await recordAudit(tx, ctx, {
      action: 'plan.step.create',
      participantIds: [row.participantId],
      targetType: 'plan_step',
      targetId: step!.id,
      details: { goal: row.id, actor: input.actor },
    });
    return { id: step!.id };
  });
}

export async function updateStep(options: {
  db: Db;
  ctx: AccessContext;
  stepId: string;
  input: { status: 'open' | 'done' | 'dropped'; doneOn: string | null };
}) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const [step] = await tx.select().from(planSteps).where(eq(planSteps.id, options.stepId)).for('update');
    if (!step) throw notFound();
    const { row, enrollment } = await goalForWrite(tx, ctx, step.goalId);
    const doneOn = input.status === 'done' ? (input.doneOn ?? todayIn(enrollment.timeZone)) : null;
    assertNotFuture(doneOn, enrollment, 'doneOn');
    await tx.update(planSteps).set({ status: input.status, doneOn }).where(eq(planSteps.id, step.id));
    await recordAudit(tx, ctx, {
      action: 'plan.step.update',
      participantIds: [row.participantId],
      targetType: 'plan_step',
      targetId: step.id,
      details: { status: input.status },
    });
    return { id: step.id };
  });
}

/** The plan as a whole, kept by the treatment program the actor serves the case for: one per program and case. */
export async function savePlan(options: { db: Db; ctx: AccessContext; participantId: string; input: PlanUpdate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment || enrollment.participantId !== options.participantId) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, PLAN_ROLES, {
      message: 'errors.plan_role',
      where: treatmentSide(enrollment.courtId),
    });
    const values = { skills: input.skills, supports: input.supports, reviewOn: input.reviewOn, updatedAt: new Date() };
    const [existing] = await tx
      .select({ id: treatmentPlans.id })
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.enrollmentId, enrollment.id), eq(treatmentPlans.custodianOrgId, role.organizationId)))
      .for('update');
    let id = existing?.id;
    if (id) await tx.update(treatmentPlans).set(values).where(eq(treatmentPlans.id, id));
    else {
      const [row] = await tx
        .insert(treatmentPlans)
        .values({
          participantId: enrollment.participantId,
          enrollmentId: enrollment.id,
          ...values,
          ...recordOrigin(ctx, role.organizationId),
        })
        .returning({ id: treatmentPlans.id });
      id = row!.id;
      await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    }
    await recordAudit(tx, ctx, {
      action: 'plan.save',
      participantIds: [enrollment.participantId],
      targetType: 'treatment_plan',
      targetId: id,
      details: {
        skills: input.skills.length,
        supports: input.supports.length,
        // A support without the participant's permission is recorded, never involved: the count says so.
        supportsWithoutPermission: input.supports.filter((s) => !s.permission).length,
      },
    });
    return { id };
  });
}

/** The team's decision on an alignment finding, recorded with the participant. */
export async function recordDecision(options: { db: Db; ctx: AccessContext; input: DecisionCreate }) {
  const { ctx, input } = options;
  return options.db.transaction(async (tx) => {
    const enrollment = await findEnrollmentForWrite(tx, ctx, input.enrollmentId);
    if (!enrollment) throw notFound();
    const role = await recordingRole(tx, ctx, enrollment, DECISION_ROLES, { message: 'errors.decision_role' });
    // A decision is on a finding of its rule (the key names it).
    if (!input.findingKey.startsWith(`${input.rule}:`)) {
      throw new AppError('validation', 'errors.decision_key', {
        fields: [{ path: 'findingKey', message: 'errors.decision_key' }],
      });
    }
    if (input.choice === 'other' && input.note === '') {
      throw new AppError('validation', 'errors.decision_note_needed', {
        fields: [{ path: 'note', message: 'errors.decision_note_needed' }],
      });
    }
    const [row] = await tx
      .insert(alignmentDecisions)
      .values({
        participantId: enrollment.participantId,
        enrollmentId: enrollment.id,
        findingKey: input.findingKey,
        rule: input.rule,
        choice: input.choice,
        note: input.note,
        ...recordOrigin(ctx, role.organizationId),
      })
      .returning({ id: alignmentDecisions.id });
    await noteRecordHolder(tx, enrollment.participantId, role.organizationId);
    await recordAudit(tx, ctx, {
      action: 'alignment.decide',
      participantIds: [enrollment.participantId],
      targetType: 'alignment_decision',
      targetId: row!.id,
      details: { rule: input.rule, choice: input.choice },
    });
    return { id: row!.id };
  });
}
