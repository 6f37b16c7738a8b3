import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role, User, UserCreate, UserUpdate } from '../../api/types';

export type UserFilters = { q?: string; organizationId?: string; role?: Role; status?: 'active' | 'disabled' };

export function usersQueryOptions(filters: UserFilters = {}) {
  return queryOptions({
    queryKey: ['users', filters],
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/v1/users', { signal, query: filters }).then((r) => r.items),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api.post<User>('/v1/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserUpdate) => api.patch<User>(`/v1/users/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
