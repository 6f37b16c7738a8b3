import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canChangeStatus, isClosedStatus, isInProgram, STATUS_TRANSITIONS } from './enrollment-status-rules.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from './participants.schema.js';

const status = fc.constantFrom(...ENROLLMENT_STATUSES);

describe('enrollment status rules', () => {
  it.each([
    ['referred', 'screening', true],
    ['referred', 'active', true],
    ['screening', 'active', true],
    ['active', 'graduated', true],
    ['active', 'absconded', true],
    ['absconded', 'active', true],
    ['active', 'referred', false],
    ['graduated', 'active', false],
    ['terminated', 'active', false],
    ['neutral_discharge', 'active', false],
    ['deceased', 'active', false],
    ['referred', 'graduated', false],
    ['screening', 'terminated', false],
  ] as [EnrollmentStatus, EnrollmentStatus, boolean][])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed);
  });

  it('closes a case only at graduation, neutral discharge, termination or death', () => {
    expect(ENROLLMENT_STATUSES.filter(isClosedStatus)).toEqual(['graduated', 'neutral_discharge', 'terminated', 'deceased']);
  });

  it('never allows a change to the same status, nor out of a closed case', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (from === to || isClosedStatus(from)) expect(canChangeStatus(from, to)).toBe(false);
      }),
    );
  });

  it('lets every open status reach a closing status (no dead ends)', () => {
    for (const from of ENROLLMENT_STATUSES.filter((s) => !isClosedStatus(s))) {
      const seen = new Set<EnrollmentStatus>([from]);
      const queue = [from];
      while (queue.length > 0) {
        for (const next of STATUS_TRANSITIONS[queue.shift()!]) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      expect([...seen].some(isClosedStatus)).toBe(true);
    }
  });

  it('treats active and absconded as in the program', () => {
    expect(ENROLLMENT_STATUSES.filter(isInProgram)).toEqual(['active', 'absconded']);
  });
});
