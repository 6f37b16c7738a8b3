import type { EnrollmentStatus } from './participants.schema.js';

/**
 * The status changes an enrollment can make. Graduation, neutral discharge, termination and death
 * close the case: a person who returns to the program starts a new enrollment, so each case's
 * history stays intact for intent-to-treat outcome analysis.
 */
export const STATUS_TRANSITIONS: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  referred: ['screening', 'active', 'neutral_discharge', 'deceased'],
  screening: ['referred', 'active', 'neutral_discharge', 'deceased'],
  active: ['graduated', 'neutral_discharge', 'terminated', 'absconded', 'deceased'],
  absconded: ['active', 'neutral_discharge', 'terminated', 'deceased'],
  graduated: [],
  neutral_discharge: [],
  terminated: [],
  deceased: [],
};

export function canChangeStatus(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses that close a case. */
export function isClosedStatus(status: EnrollmentStatus): boolean {
  return STATUS_TRANSITIONS[status].length === 0;
}

/** Statuses in which a participant is in the program and moves through phases. */
export function isInProgram(status: EnrollmentStatus): boolean {
  return status === 'active' || status === 'absconded';
}
