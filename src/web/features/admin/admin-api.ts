import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, SecuritySettings } from '../../api/types';

export function securitySettingsQueryOptions() {
  return queryOptions({
    queryKey: ['admin', 'security-settings'],
    queryFn: ({ signal }) => api.get<SecuritySettings>('/v1/admin/security-settings', { signal }),
  });
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SecuritySettings>) => api.patch<SecuritySettings>('/v1/admin/security-settings', patch),
    onSuccess: (settings) => queryClient.setQueryData(securitySettingsQueryOptions().queryKey, settings),
  });
}

export function apiTokensQueryOptions() {
  return queryOptions({
    queryKey: ['admin', 'api-tokens'],
    queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>('/v1/admin/api-tokens', { signal }).then((r) => r.items),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreate) => api.post<ApiTokenCreated>('/v1/admin/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'api-tokens'] }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiToken>(`/v1/admin/api-tokens/${id}/revoke`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'api-tokens'] }),
  });
}
