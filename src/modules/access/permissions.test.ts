import { describe, expect, it } from 'vitest';
import type { Role } from '../users/users.schema.js';
import type { Actor } from './access-context.js';
import { canInCourt, courtsWhere, isAdmin } from './permissions.js';

const staff = (role: Role, org = 'court-a', kind: 'court' | 'treatment_provider' = 'court'): Actor => ({
  kind: 'user',
  userId: 'u',
  email: 'u@example.org',
  displayName: 'U',
  memberships: [{ organizationId: org, organizationName: org, organizationKind: kind, role }],
});

describe('court permissions', () => {
  it.each([
    ['coordinator', 'participant.enroll', true],
    ['judge', 'participant.enroll', false],
    ['judge', 'enrollment.status', true],
    ['judge', 'enrollment.phase', true],
    ['case_manager', 'participant.edit', true],
    ['case_manager', 'enrollment.status', false],
    ['coordinator', 'case_team.manage', true],
    ['prosecutor', 'enrollment.status', false],
    ['evaluator', 'participant.edit', false],
  ] as const)('%s may %s in their court: %s', (role, action, allowed) => {
    expect(canInCourt(staff(role), action, 'court-a')).toBe(allowed);
  });

  it('grants nothing in another court', () => {
    expect(canInCourt(staff('coordinator'), 'participant.enroll', 'court-b')).toBe(false);
  });

  it('lets admins manage programs of any court but not enroll participants', () => {
    expect(isAdmin(staff('admin'))).toBe(true);
    expect(canInCourt(staff('admin'), 'program.manage', 'court-z')).toBe(true);
    expect(canInCourt(staff('admin'), 'participant.enroll', 'court-a')).toBe(false);
  });

  it('lists the courts where an action is allowed', () => {
    expect(courtsWhere(staff('coordinator'), 'participant.enroll')).toEqual(['court-a']);
    expect(courtsWhere(staff('treatment_provider', 'prov', 'treatment_provider'), 'participant.enroll')).toEqual([]);
  });
});
