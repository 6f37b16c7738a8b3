import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  GoalsOverview,
  ZDecisionCreate,
  ZGoalCreate,
  ZGoalUpdate,
  ZObservation,
  ZPlanUpdate,
  ZReclassify,
  ZStepCreate,
  ZStepUpdate,
} from '../../../modules/goals/goals.schema';
import type { InstrumentResponse, ZInstrumentResponseCreate } from '../../../modules/instruments/instruments.schema';
import { api } from '../../api/client';

/** The goals, plan and assessment screens' side of the API. */

export type { GoalsOverview, InstrumentResponse };
export type Goal = GoalsOverview['goals'][number];
export type Finding = GoalsOverview['alignment']['findings'][number];

export function goalsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['goals', participantId],
    queryFn: ({ signal }) => api.get<GoalsOverview>(`/v1/participants/${participantId}/goals`, { signal }),
  });
}

export function instrumentsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['instruments', participantId],
    queryFn: ({ signal }) =>
      api.get<{ items: InstrumentResponse[] }>(`/v1/participants/${participantId}/instruments`, { signal }).then((r) => r.items),
  });
}

function useGoalsMutation<Body, Result>(fn: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['goals'] }),
        queryClient.invalidateQueries({ queryKey: ['instruments'] }),
      ]);
    },
  });
}

type Created = { id: string };

export const useCreateGoal = () => useGoalsMutation((body: z.input<typeof ZGoalCreate>) => api.post<Created>('/v1/goals', body));
export const useUpdateGoal = () =>
  useGoalsMutation(({ goalId, ...body }: z.input<typeof ZGoalUpdate> & { goalId: string }) =>
    api.patch<Created>(`/v1/goals/${goalId}`, body),
  );
export const useReclassifyGoal = () =>
  useGoalsMutation(({ goalId, ...body }: z.input<typeof ZReclassify> & { goalId: string }) =>
    api.post<Created>(`/v1/goals/${goalId}/classification`, body),
  );
export const useProgressNote = () =>
  useGoalsMutation(({ goalId, note }: { goalId: string; note: string }) =>
    api.post<Created>(`/v1/goals/${goalId}/notes`, { note }),
  );
export const useObservation = () =>
  useGoalsMutation(({ goalId, ...body }: z.input<typeof ZObservation> & { goalId: string }) =>
    api.post<Created>(`/v1/goals/${goalId}/observations`, body),
  );
export const useAddStep = () =>
  useGoalsMutation(({ goalId, ...body }: z.input<typeof ZStepCreate> & { goalId: string }) =>
    api.post<Created>(`/v1/goals/${goalId}/steps`, body),
  );
export const useUpdateStep = () =>
  useGoalsMutation(({ stepId, ...body }: z.input<typeof ZStepUpdate> & { stepId: string }) =>
    api.patch<Created>(`/v1/plan-steps/${stepId}`, body),
  );
export const useSavePlan = () =>
  useGoalsMutation(({ participantId, ...body }: z.input<typeof ZPlanUpdate> & { participantId: string }) =>
    api.put<Created>(`/v1/participants/${participantId}/plan`, body),
  );
export const useRecordDecision = () =>
  useGoalsMutation((body: z.input<typeof ZDecisionCreate>) => api.post<Created>('/v1/alignment-decisions', body));
export const useRecordResponse = () =>
  useGoalsMutation((body: z.input<typeof ZInstrumentResponseCreate>) =>
    api.post<Created & { safetyPrompt: boolean }>('/v1/instrument-responses', body),
  );
export const useSafetyFollowUp = () =>
  useGoalsMutation(({ responseId, note }: { responseId: string; note: string }) =>
    api.post<Created>(`/v1/instrument-responses/${responseId}/safety-follow-up`, { note }),
  );
