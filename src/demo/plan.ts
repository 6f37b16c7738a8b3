import type { Purpose } from '../modules/access/access-context.js';
import type { ConsentKind } from '../modules/consent/consent-kinds.js';
import type { OrganizationKind } from '../modules/organizations/organizations.schema.js';
import type { EnrollmentStatus, TeamRole } from '../modules/participants/participants.schema.js';
import type { DataClass } from '../modules/records/data-classes.js';
import type { Role } from '../modules/users/users.schema.js';
import type { PlannedGoals } from './goals-plan.js';
import type { PlannedDraw, PlannedMonitoring } from './monitoring-plan.js';

/**
 * A plan of synthetic data: plain values the writer turns into rows. Ids are made by the seeded
 * generator, so the same seed and date give the same data.
 */
export type Plan = {
  organizations: {
    id: string;
    name: string;
    kind: OrganizationKind;
    timeZone: string;
    part2Program: boolean;
    partnerOf?: string;
  }[];
  users: {
    id: string;
    email: string;
    displayName: string;
    locale: 'en' | 'es';
    memberships: { organizationId: string; role: Role }[];
  }[];
  programs: {
    id: string;
    courtId: string;
    name: string;
    track: 'adult_drug' | 'dwi' | 'veterans';
    description: string;
    phaseIds: string[];
  }[];
  consentTemplates?: PlannedTemplate[];
  participants: PlannedParticipant[];
  testingGroups?: { id: string; courtId: string; name: string; testsPerWeek: number }[];
  holidays?: { id: string; courtId: string; on: string; name: string }[];
  draws?: PlannedDraw[];
  labs?: { id: string; name: string; sendingFacility: string; organizationId: string }[];
};

/** What a consent says; shared by templates and consents. */
export type PlannedScope = {
  kind: ConsentKind;
  disclosingOrgIds: string[];
  recipientRoles: TeamRole[];
  allowedClasses: DataClass[];
  excludedClasses: DataClass[];
  purposes: Purpose[];
  expiryEvent: string | null;
  revocableAfterEvent: string | null;
};

export type PlannedTemplate = PlannedScope & {
  id: string;
  programId: string;
  name: string;
  descriptionEn: string;
  descriptionEs: string;
  durationMonths: number | null;
};

export type PlannedConsent = PlannedScope & {
  id: string;
  templateId: string | null;
  recipientUserIds: string[];
  description: string;
  language: 'en' | 'es';
  signedAt: string;
  expiresAt: string | null;
  revocableAfterAt: string | null;
  signerName: string;
  method: 'on_screen' | 'paper';
  attestedBy: string;
  revocations: { scope: 'whole' | 'role' | 'user'; role?: TeamRole; userId?: string; requestedAt: string; note: string }[];
};

export type PlannedNote = {
  id: string;
  dataClass: 'clinical_note' | 'counseling_note';
  body: string;
  occurredOn: string;
  authorId: string;
  custodianOrgId: string;
};

export type PlannedParticipant = {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  pronouns: string | null;
  language: string;
  raceEthnicity: string[];
  gender: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  consents?: PlannedConsent[];
  notes?: PlannedNote[];
  monitoring?: PlannedMonitoring;
  goals?: PlannedGoals;
  enrollment: {
    id: string;
    programId: string;
    courtId: string;
    caseNumber: string;
    referralSource: string;
    referredOn: string;
    status: EnrollmentStatus;
    statusSince: string;
    currentPhaseIndex: number | null;
    phaseStartedOn: string | null;
    nextCourtDate: string | null;
    statusHistory: { id: string; from: EnrollmentStatus | null; to: EnrollmentStatus; on: string; reason: string }[];
    phaseHistory: { id: string; phaseIndex: number; startedOn: string; endedOn: string | null; reason: string }[];
    team: { id: string; userId: string; organizationId: string; role: TeamRole; assignedOn: string; endedOn: string | null }[];
  };
};
