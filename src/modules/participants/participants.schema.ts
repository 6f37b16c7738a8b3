import { z } from 'zod';
import type { ZRole } from '../users/users.schema.js';

export const ENROLLMENT_STATUSES = [
  'referred',
  'screening',
  'active',
  'graduated',
  'neutral_discharge',
  'terminated',
  'absconded',
  'deceased',
] as const;
export const ZEnrollmentStatus = z.enum(ENROLLMENT_STATUSES);
export type EnrollmentStatus = z.infer<typeof ZEnrollmentStatus>;

/** Roles a person can hold on a participant's case team (a subset of user roles). */
export const TEAM_ROLES = [
  'judge',
  'coordinator',
  'treatment_provider',
  'probation_officer',
  'case_manager',
  'peer_specialist',
  'defense_attorney',
  'prosecutor',
] as const satisfies readonly z.infer<typeof ZRole>[];
export const ZTeamRole = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof ZTeamRole>;

const ZLocalDate = z.iso.date();
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Identity fields without defaults, so a partial update never resets what it does not name. */
const identityFields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  preferredName: optionalText(100),
  dateOfBirth: ZLocalDate.nullable().optional(),
  pronouns: optionalText(40),
  /** Preferred language (BCP 47, e.g. `en`, `es`); the participant's documents follow it. */
  language: z.string().trim().min(2).max(20),
  /** As the participant describes themself, for equity reporting; several allowed. */
  raceEthnicity: z.array(z.string().trim().min(1).max(80)).max(10),
  /** As the participant describes themself. */
  gender: optionalText(80),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  address: optionalText(400),
};

export const ZParticipantIdentity = z.object({
  ...identityFields,
  language: identityFields.language.default('en'),
  raceEthnicity: identityFields.raceEthnicity.default([]),
});

export const ZEnrollmentCreate = z.object({
  programId: z.uuid(),
  caseNumber: z.string().trim().min(1).max(60),
  referralSource: optionalText(200),
  referredOn: ZLocalDate,
  status: z.enum(['referred', 'screening', 'active']).default('referred'),
  /** Needed when the status is active; defaults to the program's first phase. */
  phaseId: z.uuid().optional(),
  nextCourtDate: ZLocalDate.nullable().optional(),
});

export const ZParticipantCreate = z.object({
  identity: ZParticipantIdentity,
  enrollment: ZEnrollmentCreate,
  team: z
    .array(z.object({ userId: z.uuid(), role: ZTeamRole }))
    .max(30)
    .default([]),
});
export type ParticipantCreate = z.infer<typeof ZParticipantCreate>;

export const ZParticipantUpdate = z
  .object(identityFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Nothing to change.',
  });

export const ZTeamMember = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: ZTeamRole,
  organizationId: z.uuid(),
  organizationName: z.string(),
  assignedOn: ZLocalDate,
  endedOn: ZLocalDate.nullable(),
});

export const ZStatusChange = z.object({
  id: z.uuid(),
  fromStatus: ZEnrollmentStatus.nullable(),
  toStatus: ZEnrollmentStatus,
  effectiveOn: ZLocalDate,
  reason: z.string(),
  enteredAt: z.iso.datetime({ offset: true }),
  enteredByName: z.string().nullable(),
});

export const ZPhaseChange = z.object({
  id: z.uuid(),
  phaseId: z.uuid(),
  phaseName: z.string(),
  position: z.number().int(),
  startedOn: ZLocalDate,
  endedOn: ZLocalDate.nullable(),
  reason: z.string(),
  enteredAt: z.iso.datetime({ offset: true }),
  enteredByName: z.string().nullable(),
});

export const ZEnrollment = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  programName: z.string(),
  courtId: z.uuid(),
  courtName: z.string(),
  caseNumber: z.string(),
  referralSource: z.string().nullable(),
  referredOn: ZLocalDate,
  status: ZEnrollmentStatus,
  statusSince: ZLocalDate,
  phase: z.object({ id: z.uuid(), name: z.string(), position: z.number().int(), of: z.number().int() }).nullable(),
  phaseStartedOn: ZLocalDate.nullable(),
  daysInPhase: z.number().int().nullable(),
  nextCourtDate: ZLocalDate.nullable(),
  team: z.array(ZTeamMember),
  statusHistory: z.array(ZStatusChange),
  phaseHistory: z.array(ZPhaseChange),
});
export type Enrollment = z.infer<typeof ZEnrollment>;

export const ZParticipant = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: ZLocalDate.nullable(),
  pronouns: z.string().nullable(),
  language: z.string(),
  raceEthnicity: z.array(z.string()),
  gender: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  enrollments: z.array(ZEnrollment),
});
export type Participant = z.infer<typeof ZParticipant>;

export const ZCaseloadQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z
    .union([ZEnrollmentStatus, z.array(ZEnrollmentStatus)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  programId: z.uuid().optional(),
  courtId: z.uuid().optional(),
  /** Only participants on whose case team the signed-in user serves. */
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  sort: z.enum(['name', 'status', 'phase', 'daysInPhase', 'nextCourtDate']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type CaseloadQuery = z.infer<typeof ZCaseloadQuery>;

export const ZCaseloadItem = z.object({
  participantId: z.uuid(),
  enrollmentId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  caseNumber: z.string(),
  courtName: z.string(),
  programId: z.uuid(),
  programName: z.string(),
  status: ZEnrollmentStatus,
  phaseName: z.string().nullable(),
  phasePosition: z.number().int().nullable(),
  /** Phases in the program, for "2 of 5". */
  phaseCount: z.number().int(),
  daysInPhase: z.number().int().nullable(),
  nextCourtDate: ZLocalDate.nullable(),
});
export type CaseloadItem = z.infer<typeof ZCaseloadItem>;

export const ZCaseload = z.object({
  items: z.array(ZCaseloadItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZStatusChangeRequest = z.object({
  status: ZEnrollmentStatus,
  reason: z.string().trim().min(3).max(2000),
  effectiveOn: ZLocalDate.optional(),
});

export const ZPhaseChangeRequest = z.object({
  phaseId: z.uuid(),
  reason: z.string().trim().min(3).max(2000),
  effectiveOn: ZLocalDate.optional(),
});

export const ZEnrollmentUpdate = z
  .object({
    caseNumber: z.string().trim().min(1).max(60),
    referralSource: z.string().trim().max(200).nullable(),
    nextCourtDate: ZLocalDate.nullable(),
  })
  .partial();

export const ZTeamAssign = z.object({ userId: z.uuid(), role: ZTeamRole });
export const ZTeamEnd = z.object({ reason: z.string().trim().max(500).optional() });

/** People who can be put on a case team for an enrollment (users of the court and its partners). */
export const ZTeamCandidates = z.object({
  items: z.array(
    z.object({
      userId: z.uuid(),
      displayName: z.string(),
      role: ZTeamRole,
      organizationId: z.uuid(),
      organizationName: z.string(),
    }),
  ),
});
