import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Organization, OrganizationCreate, OrganizationUpdate } from '../../api/types';

export function organizationsQueryOptions() {
  return queryOptions({
    queryKey: ['organizations'],
    queryFn: ({ signal }) => api.get<{ items: Organization[] }>('/v1/organizations', { signal }).then((r) => r.items),
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationCreate) => api.post<Organization>('/v1/organizations', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organizations'] }),
  });
}

export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationUpdate) => api.patch<Organization>(`/v1/organizations/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organizations'] }),
  });
}
