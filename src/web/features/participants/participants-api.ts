import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Caseload,
  EnrollmentStatus,
  EnrollmentUpdate,
  Participant,
  ParticipantCreate,
  ParticipantIdentityInput,
  TeamCandidate,
  TeamRole,
} from '../../api/types';
import type { CaseloadSearch } from './caseload-search';

const keys = {
  all: ['participants'] as const,
  caseload: (search: CaseloadSearch) => ['participants', 'caseload', search] as const,
  one: (id: string) => ['participants', 'one', id] as const,
  enrollmentCandidates: (enrollmentId: string) => ['participants', 'team-candidates', enrollmentId] as const,
};

export function caseloadQueryOptions(search: CaseloadSearch & { status: EnrollmentStatus[] }) {
  return queryOptions({
    queryKey: keys.caseload(search),
    queryFn: ({ signal }) =>
      api.get<Caseload>('/v1/participants', {
        signal,
        query: {
          q: search.q,
          status: search.status,
          programId: search.programId,
          mine: search.mine ? 'true' : undefined,
          sort: search.sort,
          order: search.order,
          page: search.page,
          pageSize: search.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function participantQueryOptions(id: string) {
  return queryOptions({
    queryKey: keys.one(id),
    queryFn: ({ signal }) => api.get<Participant>(`/v1/participants/${encodeURIComponent(id)}`, { signal }),
  });
}

export function enrollmentTeamCandidatesQueryOptions(enrollmentId: string) {
  return queryOptions({
    queryKey: keys.enrollmentCandidates(enrollmentId),
    queryFn: ({ signal }) =>
      api.get<{ items: TeamCandidate[] }>(`/v1/enrollments/${enrollmentId}/team-candidates`, { signal }).then((r) => r.items),
  });
}

export function programTeamCandidatesQueryOptions(programId: string) {
  return queryOptions({
    queryKey: ['programs', programId, 'team-candidates'],
    queryFn: ({ signal }) =>
      api.get<{ items: TeamCandidate[] }>(`/v1/programs/${programId}/team-candidates`, { signal }).then((r) => r.items),
    enabled: programId !== '',
  });
}

/** Every change to a participant refreshes the caseload and the participant's page. */
function useParticipantMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useEnrollParticipant() {
  return useParticipantMutation((body: ParticipantCreate) =>
    api.post<{ participantId: string; enrollmentId: string }>('/v1/participants', body),
  );
}

export function useUpdateParticipant(participantId: string) {
  return useParticipantMutation((patch: Partial<ParticipantIdentityInput>) =>
    api.patch<Participant>(`/v1/participants/${participantId}`, patch),
  );
}

export function useUpdateEnrollment(enrollmentId: string) {
  return useParticipantMutation((patch: EnrollmentUpdate) => api.patch<void>(`/v1/enrollments/${enrollmentId}`, patch));
}

export function useChangeStatus(enrollmentId: string) {
  return useParticipantMutation((body: { status: EnrollmentStatus; reason: string; effectiveOn?: string }) =>
    api.post<void>(`/v1/enrollments/${enrollmentId}/status`, body),
  );
}

export function useChangePhase(enrollmentId: string) {
  return useParticipantMutation((body: { phaseId: string; reason: string; effectiveOn?: string }) =>
    api.post<void>(`/v1/enrollments/${enrollmentId}/phase`, body),
  );
}

export function useAssignTeamMember(enrollmentId: string) {
  return useParticipantMutation((body: { userId: string; role: TeamRole }) =>
    api.post<{ id: string }>(`/v1/enrollments/${enrollmentId}/team`, body),
  );
}

export function useEndTeamMember(enrollmentId: string) {
  return useParticipantMutation((body: { memberId: string; reason?: string }) =>
    api.post<void>(`/v1/enrollments/${enrollmentId}/team/${body.memberId}/end`, body.reason ? { reason: body.reason } : {}),
  );
}
