import type { z } from 'zod';
import type { ZAuditEntry, ZAuditPage, ZAuditQuery, ZAuditVerification } from '../../modules/audit/audit.schema';
import type {
  ZApiToken,
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZLoginResponse,
  ZMe,
  ZMfaEnrolment,
  ZSecuritySettings,
} from '../../modules/auth/auth.schema';
import type {
  ZAccounting,
  ZBreakGlass,
  ZConsent,
  ZConsentDraftInput,
  ZConsentKind,
  ZConsentList,
  ZConsentSign,
  ZConsentState,
  ZConsentTemplate,
  ZConsentTemplateInput,
  ZCourtOrder,
  ZCourtOrderCreate,
  ZDisclosureEntry,
  ZPurpose,
  ZRestriction,
  ZRestrictionCreate,
  ZRevocationCreate,
} from '../../modules/consent/consent.schema';
import type { ZNoteCreate } from '../../modules/notes/notes.schema';
import type { ZOrganization, ZOrganizationCreate, ZOrganizationUpdate } from '../../modules/organizations/organizations.schema';
import type {
  ZCaseload,
  ZCaseloadItem,
  ZEnrollment,
  ZEnrollmentUpdate,
  ZParticipant,
  ZParticipantCreate,
  ZParticipantIdentity,
  ZTeamCandidates,
  ZTeamMember,
} from '../../modules/participants/participants.schema';
import type { ZPhase, ZPhaseInput, ZProgram, ZProgramCreate, ZProgramUpdate } from '../../modules/programs/programs.schema';
import type { ZDataClass } from '../../modules/records/data-classes';
import type { ZPreview } from '../../modules/timeline/preview-timeline';
import type { ZTimeline, ZTimelineEntry } from '../../modules/timeline/timeline.schema';
import type { ZUser, ZUserCreate, ZUserUpdate } from '../../modules/users/users.schema';

/** The API's shapes as the web app sees them: inferred from the server's Zod contracts. */
export type Me = z.infer<typeof ZMe>;
export type LoginResponse = z.infer<typeof ZLoginResponse>;
export type MfaEnrolment = z.infer<typeof ZMfaEnrolment>;
export type SecuritySettings = z.infer<typeof ZSecuritySettings>;
export type ApiToken = z.infer<typeof ZApiToken>;
export type ApiTokenCreate = z.input<typeof ZApiTokenCreate>;
export type ApiTokenCreated = z.infer<typeof ZApiTokenCreated>;

export type Organization = z.infer<typeof ZOrganization>;
export type OrganizationCreate = z.input<typeof ZOrganizationCreate>;
export type OrganizationUpdate = z.input<typeof ZOrganizationUpdate>;

export type Caseload = z.infer<typeof ZCaseload>;
export type CaseloadItem = z.infer<typeof ZCaseloadItem>;
export type Participant = z.infer<typeof ZParticipant>;
export type Enrollment = z.infer<typeof ZEnrollment>;
export type TeamMember = z.infer<typeof ZTeamMember>;
export type TeamCandidate = z.infer<typeof ZTeamCandidates>['items'][number];
export type ParticipantCreate = z.input<typeof ZParticipantCreate>;
export type ParticipantIdentityInput = z.input<typeof ZParticipantIdentity>;
export type EnrollmentUpdate = z.input<typeof ZEnrollmentUpdate>;

export type Program = z.infer<typeof ZProgram>;
export type Phase = z.infer<typeof ZPhase>;
export type PhaseInput = z.input<typeof ZPhaseInput>;
export type ProgramCreate = z.input<typeof ZProgramCreate>;
export type ProgramUpdate = z.input<typeof ZProgramUpdate>;

export type User = z.infer<typeof ZUser>;
export type UserCreate = z.input<typeof ZUserCreate>;
export type UserUpdate = z.input<typeof ZUserUpdate>;

export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type AuditPage = z.infer<typeof ZAuditPage>;
export type AuditQuery = z.input<typeof ZAuditQuery>;
export type AuditVerification = z.infer<typeof ZAuditVerification>;

export type DataClass = z.infer<typeof ZDataClass>;
export type Consent = z.infer<typeof ZConsent>;
export type ConsentList = z.infer<typeof ZConsentList>;
export type ConsentKind = z.infer<typeof ZConsentKind>;
export type ConsentState = z.infer<typeof ZConsentState>;
export type ConsentDraftInput = z.input<typeof ZConsentDraftInput>;
export type ConsentSign = z.input<typeof ZConsentSign>;
export type ConsentTemplate = z.infer<typeof ZConsentTemplate>;
export type ConsentTemplateInput = z.input<typeof ZConsentTemplateInput>;
export type Purpose = z.infer<typeof ZPurpose>;
export type RevocationCreate = z.input<typeof ZRevocationCreate>;
export type Restriction = z.infer<typeof ZRestriction>;
export type RestrictionCreate = z.input<typeof ZRestrictionCreate>;
export type CourtOrder = z.infer<typeof ZCourtOrder>;
export type CourtOrderCreate = z.input<typeof ZCourtOrderCreate>;
export type BreakGlass = z.infer<typeof ZBreakGlass>;
export type Accounting = z.infer<typeof ZAccounting>;
export type DisclosureEntry = z.infer<typeof ZDisclosureEntry>;
export type Timeline = z.infer<typeof ZTimeline>;
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;
export type Preview = z.infer<typeof ZPreview>;
export type NoteCreate = z.input<typeof ZNoteCreate>;

export type { EnrollmentStatus, TeamRole } from '../../modules/participants/participants.schema';
export type { Locale, Role } from '../../modules/users/users.schema';

export type Test = z.infer<typeof import('../../modules/testing/testing.schema').ZTest>;
export type TestingDashboard = z.infer<typeof import('../../modules/testing/testing.schema').ZTestingDashboard>;
export type TestingPlans = z.infer<typeof import('../../modules/testing/testing.schema').ZTestingPlans>;
export type TestingSettings = z.infer<typeof import('../../modules/testing/testing.schema').ZTestingSettings>;
export type Attendance = z.infer<typeof import('../../modules/attendance/attendance.schema').ZAttendance>;
export type AttendanceCreate = z.input<typeof import('../../modules/attendance/attendance.schema').ZAttendanceCreate>;
export type Prescription = z.infer<typeof import('../../modules/medications/medications.schema').ZPrescription>;
export type PrescriptionCreate = z.input<typeof import('../../modules/medications/medications.schema').ZPrescriptionCreate>;
export type ContinuityAlert = z.infer<typeof import('../../modules/medications/medications.schema').ZContinuityAlert>;
export type TestOutcome = z.infer<typeof import('../../modules/testing/testing.schema').ZTestOutcome>;
