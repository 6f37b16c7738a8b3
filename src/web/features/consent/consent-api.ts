import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Accounting,
  BreakGlass,
  Consent,
  ConsentDraftInput,
  ConsentList,
  ConsentSign,
  ConsentTemplate,
  ConsentTemplateInput,
  CourtOrder,
  CourtOrderCreate,
  Preview,
  Restriction,
  RestrictionCreate,
  RevocationCreate,
  TeamRole,
} from '../../api/types';

/*
 * The consent screens' side of the API: a participant's consents, restrictions, court orders and
 * accounting of disclosures, the "What can they see?" preview, and emergency access.
 */

const keys = {
  participant: (participantId: string) => ['consent', participantId] as const,
  consents: (participantId: string) => ['consent', participantId, 'consents'] as const,
  restrictions: (participantId: string) => ['consent', participantId, 'restrictions'] as const,
  courtOrders: (participantId: string) => ['consent', participantId, 'court-orders'] as const,
  accounting: (participantId: string) => ['consent', participantId, 'accounting'] as const,
  preview: (participantId: string, who: PreviewTarget | null) => ['consent', participantId, 'preview', who] as const,
  templates: (programId: string) => ['consent', 'templates', programId] as const,
  breakGlass: (unreviewed: boolean) => ['consent', 'break-glass', unreviewed] as const,
};

const participantPath = (participantId: string) => `/v1/participants/${encodeURIComponent(participantId)}`;

export function consentsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: keys.consents(participantId),
    queryFn: ({ signal }) => api.get<ConsentList>(`${participantPath(participantId)}/consents`, { signal }),
  });
}

export function templatesQueryOptions(programId: string) {
  return queryOptions({
    queryKey: keys.templates(programId),
    queryFn: ({ signal }) =>
      api.get<{ items: ConsentTemplate[] }>(`/v1/programs/${programId}/consent-templates`, { signal }).then((r) => r.items),
  });
}

export function restrictionsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: keys.restrictions(participantId),
    queryFn: ({ signal }) =>
      api.get<{ items: Restriction[] }>(`${participantPath(participantId)}/restrictions`, { signal }).then((r) => r.items),
  });
}

export function courtOrdersQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: keys.courtOrders(participantId),
    queryFn: ({ signal }) =>
      api.get<{ items: CourtOrder[] }>(`${participantPath(participantId)}/court-orders`, { signal }).then((r) => r.items),
  });
}

export function accountingQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: keys.accounting(participantId),
    queryFn: ({ signal }) => api.get<Accounting>(`${participantPath(participantId)}/disclosures`, { signal }),
  });
}

/** Whom "What can they see?" is about: a member of the case team, or anyone holding a role on the case. */
export type PreviewTarget = { userId: string } | { role: TeamRole };

export function previewQueryOptions(participantId: string, who: PreviewTarget | null) {
  return queryOptions({
    queryKey: keys.preview(participantId, who),
    queryFn: ({ signal }) =>
      api.get<Preview>(`${participantPath(participantId)}/disclosure-preview`, { signal, query: who ?? {} }),
    enabled: who !== null,
  });
}

export function breakGlassQueryOptions(unreviewed: boolean) {
  return queryOptions({
    queryKey: keys.breakGlass(unreviewed),
    queryFn: ({ signal }) =>
      api
        .get<{ items: BreakGlass[] }>('/v1/break-glass', { signal, query: { unreviewed: unreviewed ? 'true' : 'false' } })
        .then((r) => r.items),
  });
}

/** A change to a participant's consents refreshes everything the consent screens and the records show of them. */
function useConsentMutation<TVariables, TResult>(participantId: string, mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.participant(participantId) }),
        queryClient.invalidateQueries({ queryKey: ['timeline', participantId] }),
      ]);
    },
  });
}

export function useCreateConsent(participantId: string) {
  return useConsentMutation(participantId, (body: { enrollmentId: string; draft: ConsentDraftInput }) =>
    api.post<Consent>(`/v1/enrollments/${body.enrollmentId}/consents`, body.draft),
  );
}

export function useUpdateConsent(participantId: string, consentId: string) {
  return useConsentMutation(participantId, (draft: ConsentDraftInput) => api.patch<Consent>(`/v1/consents/${consentId}`, draft));
}

export function useDeleteConsent(participantId: string) {
  return useConsentMutation(participantId, (consentId: string) => api.delete<void>(`/v1/consents/${consentId}`));
}

export function useSignConsent(participantId: string, consentId: string) {
  return useConsentMutation(participantId, (body: ConsentSign) => api.post<Consent>(`/v1/consents/${consentId}/sign`, body));
}

export function useNewConsentVersion(participantId: string) {
  return useConsentMutation(participantId, (consentId: string) => api.post<Consent>(`/v1/consents/${consentId}/versions`, {}));
}

export function useRevokeConsent(participantId: string, consentId: string) {
  return useConsentMutation(participantId, (body: RevocationCreate) =>
    api.post<Consent>(`/v1/consents/${consentId}/revocations`, body),
  );
}

export function useRecordConsentEvent(participantId: string, consentId: string) {
  return useConsentMutation(participantId, (body: { event: 'expiry' | 'revocable_after'; occurredAt: string }) =>
    api.post<Consent>(`/v1/consents/${consentId}/events`, body),
  );
}

export function useRequestRestriction(participantId: string) {
  return useConsentMutation(participantId, (body: RestrictionCreate) =>
    api.post<Restriction>(`${participantPath(participantId)}/restrictions`, body),
  );
}

export function useDecideRestriction(participantId: string) {
  return useConsentMutation(
    participantId,
    (body: { restrictionId: string; decision: 'agreed' | 'declined' | 'ended'; note?: string }) =>
      api.post<Restriction>(`/v1/restrictions/${body.restrictionId}/decision`, { decision: body.decision, note: body.note }),
  );
}

export function useRecordCourtOrder(participantId: string) {
  return useConsentMutation(participantId, (body: CourtOrderCreate) =>
    api.post<CourtOrder>(`${participantPath(participantId)}/court-orders`, body),
  );
}

export function useOpenBreakGlass(participantId: string) {
  return useConsentMutation(participantId, (body: { reason: string }) =>
    api.post<{ id: string; expiresAt: string }>(`${participantPath(participantId)}/break-glass`, body),
  );
}

export function useReviewBreakGlass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { grantId: string; outcome: 'appropriate' | 'inappropriate'; note?: string }) =>
      api.post<void>(`/v1/break-glass/${body.grantId}/review`, { outcome: body.outcome, note: body.note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['consent', 'break-glass'] }),
  });
}

export function useSaveTemplate(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { id?: string; template: ConsentTemplateInput }) =>
      body.id
        ? api.put<ConsentTemplate>(`/v1/consent-templates/${body.id}`, body.template)
        : api.post<ConsentTemplate>(`/v1/programs/${programId}/consent-templates`, body.template),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.templates(programId) }),
  });
}
