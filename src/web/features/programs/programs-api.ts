import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Program, ProgramCreate, ProgramUpdate } from '../../api/types';

export function programsQueryOptions() {
  return queryOptions({
    queryKey: ['programs', 'list'],
    queryFn: ({ signal }) => api.get<{ items: Program[] }>('/v1/programs', { signal }).then((r) => r.items),
  });
}

export function programQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['programs', 'one', id],
    queryFn: ({ signal }) => api.get<Program>(`/v1/programs/${id}`, { signal }),
  });
}

export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramCreate) => api.post<Program>('/v1/programs', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programs'] }),
  });
}

export function useUpdateProgram(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgramUpdate) => api.patch<Program>(`/v1/programs/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programs'] }),
  });
}
