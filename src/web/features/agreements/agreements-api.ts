import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAgreementCreate, ZAgreements } from '../../../modules/agreements/agreements.schema';
import { api } from '../../api/client';

/** The agreement screens' side of the API: a participant's agreements, drafting a version, its acknowledgement. */

export type Agreement = z.infer<typeof ZAgreements>['items'][number];
export type AgreementDraft = z.input<typeof ZAgreementCreate>;

export function agreementsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['agreements', participantId],
    queryFn: ({ signal }) =>
      api.get<{ items: Agreement[] }>(`/v1/participants/${participantId}/agreements`, { signal }).then((r) => r.items),
  });
}

function useAgreementMutation<Body, Result>(fn: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
    },
  });
}

export const useDraftAgreement = () =>
  useAgreementMutation((body: AgreementDraft) => api.post<{ id: string }>('/v1/agreements', body));

export const useAcknowledgeAgreement = () =>
  useAgreementMutation((body: { agreementId: string; acknowledgedOn: string }) =>
    api.post<{ id: string }>(`/v1/agreements/${body.agreementId}/acknowledge`, { acknowledgedOn: body.acknowledgedOn }),
  );
