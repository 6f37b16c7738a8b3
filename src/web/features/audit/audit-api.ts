import { infiniteQueryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditPage, AuditQuery, AuditVerification } from '../../api/types';

export type AuditFilters = Omit<AuditQuery, 'before' | 'limit'>;

/** Pages of the audit log, newest first; each "older entries" page continues before the last id. */
export function auditQueryOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/v1/audit', { signal, query: { ...filters, limit: 50, before: pageParam ?? undefined } }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: 0,
  });
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/v1/audit/verify') });
}
