import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import type { TFunction } from 'i18next';
import { TEAM_ROLES } from '../../api/enums';
import type { TeamCandidate } from '../../api/types';

/** Candidates grouped by role; each option's value is `userId:role`. */
export function candidateOptions(t: TFunction, candidates: TeamCandidate[]): ComboboxItemGroup<ComboboxItem>[] {
  return TEAM_ROLES.map((role) => ({
    group: t(`role.${role}`),
    items: candidates
      .filter((candidate) => candidate.role === role)
      .map((candidate) => ({
        value: candidateValue(candidate),
        label: `${candidate.displayName} — ${candidate.organizationName}`,
      })),
  })).filter((group) => group.items.length > 0);
}

export function candidateValue(candidate: { userId: string; role: string }): string {
  return `${candidate.userId}:${candidate.role}`;
}

export function parseCandidateValue(value: string): { userId: string; role: string } {
  const [userId = '', role = ''] = value.split(':');
  return { userId, role };
}
