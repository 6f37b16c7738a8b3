import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../organizations/organizations.schema.js';
import { ROLES, type Role } from '../users/users.schema.js';
import type { Actor, ActorMembership } from './access-context.js';
import { participantScopeOf, scopeIsEmpty } from './participant-scope.js';

const user = (...memberships: [string, OrganizationKind, Role][]): Actor => ({
  kind: 'user',
  userId: 'u1',
  email: 'x@example.org',
  displayName: 'X',
  memberships: memberships.map(
    ([organizationId, organizationKind, role]): ActorMembership => ({
      organizationId,
      organizationName: organizationId,
      organizationKind,
      role,
    }),
  ),
});

describe('participant scope', () => {
  it('gives court staff their whole court', () => {
    expect(participantScopeOf(user(['court-a', 'court', 'judge']))).toEqual({
      courtIds: ['court-a'],
      teamUserId: 'u1',
      teamOrgIds: ['court-a'],
      holderOrgIds: [],
    });
  });

  it('gives partner staff their teams and their organization’s holdings, never a whole court', () => {
    const scope = participantScopeOf(user(['provider', 'treatment_provider', 'treatment_provider']));
    expect(scope.courtIds).toEqual([]);
    expect(scope.teamUserId).toBe('u1');
    expect(scope.holderOrgIds).toEqual(['provider']);
  });

  it('shows admins and evaluators no participants, whatever organization they belong to', () => {
    for (const kind of ORGANIZATION_KINDS) {
      expect(scopeIsEmpty(participantScopeOf(user(['org', kind, 'admin'])))).toBe(true);
      expect(scopeIsEmpty(participantScopeOf(user(['org', kind, 'evaluator'])))).toBe(true);
    }
  });

  it('never lets a role held in one court open another court', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...ORGANIZATION_KINDS), (role, kind) => {
        const scope = participantScopeOf(user(['org-1', kind, role]));
        expect(scope.courtIds.every((id) => id === 'org-1')).toBe(true);
        expect(scope.holderOrgIds.every((id) => id === 'org-1')).toBe(true);
      }),
    );
  });

  it('scopes an integration token to its own organization, and only with participants:read', () => {
    const token = (kind: OrganizationKind, scopes: ('participants:read' | 'audit:read')[]): Actor => ({
      kind: 'token',
      tokenId: 't',
      name: 'lab',
      organizationId: 'org-9',
      organizationKind: kind,
      scopes,
    });
    expect(participantScopeOf(token('court', ['participants:read'])).courtIds).toEqual(['org-9']);
    expect(participantScopeOf(token('treatment_provider', ['participants:read'])).holderOrgIds).toEqual(['org-9']);
    expect(scopeIsEmpty(participantScopeOf(token('court', ['audit:read'])))).toBe(true);
  });
});
