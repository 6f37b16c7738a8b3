import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { inList } from '../../platform/db/sql-helpers.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { recordColumns } from '../records/record-columns.js';
import { users } from '../users/users.tables.js';
import type { Reconciliation } from './align-goals.js';
import {
  DIFFICULTIES,
  GOAL_OWNERS,
  GOAL_STATUSES,
  type GoalSubstances,
  type Indicator,
  LIFE_AREAS,
  SPECTRUM,
  STEP_ACTORS,
} from './goal-kinds.js';

/**
 * A goal of the participant's, their treatment provider's or the mandating entity's, as one of the
 * team recorded it: in the participant's own words where it is theirs. Whoever records it holds it
 * (a treatment program's goal is a Part 2 record; the court's is the court's), and the consent rules
 * decide who else sees it. Its difficulty class and status change only through goal_events, which
 * keep the history.
 */
export const goals = pgTable(
  'goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    owner: text('owner', { enum: GOAL_OWNERS }).notNull(),
    /** The goal as worded — the participant's own words where it is theirs. */
    words: text('words').notNull(),
    /** The language it is worded in. */
    language: text('language').notNull(),
    spectrum: text('spectrum', { enum: SPECTRUM }),
    substances: jsonb('substances').$type<GoalSubstances>(),
    lifeArea: text('life_area', { enum: LIFE_AREAS }).notNull(),
    difficulty: text('difficulty', { enum: DIFFICULTIES }).notNull(),
    status: text('status', { enum: GOAL_STATUSES }).notNull().default('active'),
    targetOn: date('target_on'),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull().default([]),
    /** The template it started from, if any. */
    templateId: text('template_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('treatment_plan'),
  },
  (t) => [
    index('goals_participant_idx').on(t.participantId, t.occurredAt, t.enteredAt, t.id),
    check('goals_owner_check', sql`${t.owner} IN (${inList(GOAL_OWNERS)})`),
    check('goals_spectrum_check', sql`${t.spectrum} IS NULL OR ${t.spectrum} IN (${inList(SPECTRUM)})`),
    check('goals_life_area_check', sql`${t.lifeArea} IN (${inList(LIFE_AREAS)})`),
    check('goals_difficulty_check', sql`${t.difficulty} IN (${inList(DIFFICULTIES)})`),
    check('goals_status_check', sql`${t.status} IN (${inList(GOAL_STATUSES)})`),
  ],
);

export const GOAL_EVENT_KINDS = ['classified', 'status', 'progress', 'observed'] as const;

/**
 * A goal's history: its difficulty class as first set and each reclassification (who, when, why);
 * each change of status; progress notes; and the team's observations of an observed indicator.
 */
export const goalEvents = pgTable(
  'goal_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => goals.id),
    kind: text('kind', { enum: GOAL_EVENT_KINDS }).notNull(),
    difficulty: text('difficulty', { enum: DIFFICULTIES }),
    status: text('status', { enum: GOAL_STATUSES }),
    /** The reason (for a reclassification or a change of status) or the progress note. */
    note: text('note').notNull().default(''),
    /** An observation: which indicator (its position), and whether it was met. */
    indicator: integer('indicator'),
    met: boolean('met'),
    observedOn: date('observed_on'),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('goal_events_goal_idx').on(t.goalId, t.enteredAt),
    check('goal_events_kind_check', sql`${t.kind} IN (${inList(GOAL_EVENT_KINDS)})`),
  ],
);

export const STEP_STATUSES = ['open', 'done', 'dropped'] as const;

/** A step of the person-centered plan toward one goal: who does what by when. Read with its goal. */
export const planSteps = pgTable(
  'plan_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => goals.id),
    action: text('action').notNull(),
    actor: text('actor', { enum: STEP_ACTORS }).notNull(),
    /** The natural support (or staff member) by name, when one is named. */
    actorName: text('actor_name').notNull().default(''),
    dueOn: date('due_on'),
    status: text('status', { enum: STEP_STATUSES }).notNull().default('open'),
    doneOn: date('done_on'),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_steps_goal_idx').on(t.goalId, t.enteredAt),
    check('plan_steps_actor_check', sql`${t.actor} IN (${inList(STEP_ACTORS)})`),
    check('plan_steps_status_check', sql`${t.status} IN (${inList(STEP_STATUSES)})`),
  ],
);

export type NaturalSupport = { name: string; relationship: string; permission: boolean };

/**
 * The person-centered plan of a case as a whole, kept by the treatment program: the self-management
 * skills being built, the natural supports involved (only with the participant's permission), and
 * when it is next reviewed. Its steps hang from its goals.
 */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    supports: jsonb('supports').$type<NaturalSupport[]>().notNull().default([]),
    reviewOn: date('review_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordColumns('treatment_plan'),
  },
  (t) => [
    uniqueIndex('treatment_plans_holder_idx').on(t.enrollmentId, t.custodianOrgId),
    index('treatment_plans_participant_idx').on(t.participantId),
  ],
);

/** The team's decision on a finding of the alignment view: how they reconcile it, with the participant. */
export const alignmentDecisions = pgTable(
  'alignment_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    findingKey: text('finding_key').notNull(),
    rule: text('rule').notNull(),
    choice: text('choice').$type<Reconciliation | 'other'>().notNull(),
    note: text('note').notNull().default(''),
    ...recordColumns('treatment_plan'),
  },
  (t) => [index('alignment_decisions_participant_idx').on(t.participantId, t.findingKey)],
);
