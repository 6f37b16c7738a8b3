import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../api/types';
import { courtsFor } from '../auth/capabilities';
import { organizationsQueryOptions } from '../organizations/organizations-api';

export type CourtOption = { id: string; name: string };

/** Courts where the person may create programs: their own as coordinator, or every court for admins. */
export function useProgramCourts(me: Me): CourtOption[] {
  const organizations = useQuery({ ...organizationsQueryOptions(), enabled: me.capabilities.admin });
  if (me.capabilities.admin) {
    return (organizations.data ?? []).filter((o) => o.kind === 'court' && o.active).map((o) => ({ id: o.id, name: o.name }));
  }
  const ids = courtsFor(me, 'program.manage');
  const seen = new Set<string>();
  const courts: CourtOption[] = [];
  for (const membership of me.memberships) {
    if (ids.includes(membership.organizationId) && !seen.has(membership.organizationId)) {
      seen.add(membership.organizationId);
      courts.push({ id: membership.organizationId, name: membership.organizationName });
    }
  }
  return courts;
}
