import { z } from 'zod';
import type { TeamRole } from '../participants/participants.schema.js';

export const ATTENDANCE_KINDS = [
  'treatment_individual',
  'treatment_group',
  'intensive_outpatient',
  'residential_day',
  'court_hearing',
  'probation_appointment',
  'peer_support',
  'mutual_aid',
] as const;
export const ZAttendanceKind = z.enum(ATTENDANCE_KINDS);
export type AttendanceKind = z.infer<typeof ZAttendanceKind>;

export const ATTENDANCE_OUTCOMES = ['scheduled', 'attended', 'late', 'excused', 'missed', 'rescheduled'] as const;
export const ZAttendanceOutcome = z.enum(ATTENDANCE_OUTCOMES);
export type AttendanceOutcome = z.infer<typeof ZAttendanceOutcome>;

/** Case roles that schedule and record attendance. */
export const ATTENDANCE_ROLES: readonly TeamRole[] = [
  'treatment_provider',
  'case_manager',
  'peer_specialist',
  'probation_officer',
  'coordinator',
];

const ZInstant = z.iso.datetime({ offset: true });

export const ZAttendanceCreate = z.object({
  enrollmentId: z.uuid(),
  kind: ZAttendanceKind,
  title: z.string().trim().max(200).default(''),
  /** When it takes (or took) place. */
  scheduledAt: ZInstant,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .default(null),
  outcome: ZAttendanceOutcome.default('scheduled'),
  selfReported: z.boolean().default(false),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type AttendanceCreate = z.infer<typeof ZAttendanceCreate>;

export const ZAttendanceUpdate = z
  .object({
    outcome: ZAttendanceOutcome,
    note: z.string().trim().max(2000).nullable(),
    /** Staff confirm a self-reported meeting (a signed slip, a call to the meeting's secretary). */
    verified: z.boolean(),
    /** For a rescheduled event: the new time (a new scheduled event is made). */
    rescheduledTo: ZInstant,
  })
  .partial()
  .refine((u) => u.rescheduledTo === undefined || u.outcome === 'rescheduled', {
    message: 'Only a rescheduled event gets a new time.',
    path: ['rescheduledTo'],
  });
export type AttendanceUpdate = z.infer<typeof ZAttendanceUpdate>;

export const ZAttendance = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  enrollmentId: z.uuid(),
  kind: ZAttendanceKind,
  title: z.string(),
  scheduledAt: ZInstant,
  durationMinutes: z.number().nullable(),
  outcome: ZAttendanceOutcome,
  selfReported: z.boolean(),
  verified: z.boolean(),
  note: z.string().nullable(),
  custodian: z.object({ id: z.uuid(), name: z.string(), part2: z.boolean() }),
  enteredAt: ZInstant,
  enteredByName: z.string().nullable(),
});
export type Attendance = z.infer<typeof ZAttendance>;
