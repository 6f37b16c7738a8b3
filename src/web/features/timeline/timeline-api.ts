import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NoteCreate, Timeline } from '../../api/types';

const PAGE = 50;

/** A participant's records, newest first, a page at a time (each page continues where the last one ended). */
export function timelineQueryOptions(participantId: string) {
  return infiniteQueryOptions({
    queryKey: ['timeline', participantId],
    queryFn: ({ signal, pageParam }) =>
      api.get<Timeline>(`/v1/participants/${encodeURIComponent(participantId)}/timeline`, {
        signal,
        query: { limit: PAGE, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useWriteNote(participantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { enrollmentId: string; note: NoteCreate }) =>
      api.post<{ id: string }>(`/v1/enrollments/${body.enrollmentId}/notes`, body.note),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['timeline', participantId] }),
  });
}
