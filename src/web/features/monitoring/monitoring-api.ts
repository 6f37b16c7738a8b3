import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZReviewResolution } from '../../../modules/labs/labs.schema';
import { api } from '../../api/client';
import type {
  Attendance,
  AttendanceCreate,
  ContinuityAlert,
  DataClass,
  Prescription,
  PrescriptionCreate,
  Test,
  TestingDashboard,
  TestingPlans,
  TestingSettings,
} from '../../api/types';

/*
 * The monitoring screens' side of the API: a participant's tests, attendance and prescriptions, the
 * court's testing dashboard and draws, and the lab review queue.
 */

const participantPath = (participantId: string) => `/v1/participants/${encodeURIComponent(participantId)}`;

export type TestList = {
  participantId: string;
  items: Test[];
  more: boolean;
  withheld: DataClass[];
  redisclosureNotice: boolean;
};

export function testsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['monitoring', participantId, 'tests'],
    queryFn: ({ signal }) => api.get<TestList>(`${participantPath(participantId)}/tests`, { signal, query: { limit: '300' } }),
  });
}

export function attendanceQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['monitoring', participantId, 'attendance'],
    queryFn: ({ signal }) =>
      api.get<{ items: Attendance[]; redisclosureNotice: boolean }>(`${participantPath(participantId)}/attendance`, { signal }),
  });
}

export function prescriptionsQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['monitoring', participantId, 'prescriptions'],
    queryFn: ({ signal }) =>
      api.get<{ items: Prescription[]; alerts: ContinuityAlert[]; redisclosureNotice: boolean }>(
        `${participantPath(participantId)}/prescriptions`,
        { signal },
      ),
  });
}

export function dashboardQueryOptions(courtId: string, range: { from?: string; to?: string }) {
  return queryOptions({
    queryKey: ['monitoring', 'dashboard', courtId, range],
    queryFn: ({ signal }) =>
      api.get<TestingDashboard>(`/v1/courts/${courtId}/testing/dashboard`, {
        signal,
        query: Object.fromEntries(Object.entries(range).filter(([, v]) => Boolean(v))) as Record<string, string>,
      }),
    enabled: courtId !== '',
  });
}

export type Draw = {
  id: string;
  date: string;
  groups: string[];
  individuals: number;
  tests: number;
  holiday: string | null;
  drawnAt: string;
};

export function drawsQueryOptions(courtId: string, from: string, to: string) {
  return queryOptions({
    queryKey: ['monitoring', 'draws', courtId, from, to],
    queryFn: ({ signal }) => api.get<{ items: Draw[] }>(`/v1/courts/${courtId}/testing/draws`, { signal, query: { from, to } }),
    enabled: courtId !== '',
  });
}

export type Group = { id: string; name: string; testsPerWeek: number; active: boolean; members: number };

export function groupsQueryOptions(courtId: string) {
  return queryOptions({
    queryKey: ['monitoring', 'groups', courtId],
    queryFn: ({ signal }) => api.get<{ items: Group[] }>(`/v1/courts/${courtId}/testing-groups`, { signal }).then((r) => r.items),
    enabled: courtId !== '',
  });
}

export function testingPlansQueryOptions(participantId: string) {
  return queryOptions({
    queryKey: ['monitoring', 'plans', participantId],
    queryFn: ({ signal }) =>
      api.get<TestingPlans>(`/v1/participants/${participantId}/testing-plans`, { signal }).then((r) => r.items),
  });
}

export type Holiday = { id: string; on: string; name: string };

export function holidaysQueryOptions(courtId: string) {
  return queryOptions({
    queryKey: ['monitoring', 'holidays', courtId],
    queryFn: ({ signal }) => api.get<{ items: Holiday[] }>(`/v1/courts/${courtId}/holidays`, { signal }).then((r) => r.items),
    enabled: courtId !== '',
  });
}

export function testingSettingsQueryOptions(courtId: string) {
  return queryOptions({
    queryKey: ['monitoring', 'settings', courtId],
    queryFn: ({ signal }) => api.get<TestingSettings>(`/v1/courts/${courtId}/testing/settings`, { signal }),
    enabled: courtId !== '',
  });
}

export type ReviewItem = {
  id: string;
  reason: 'unmatched_specimen' | 'unmapped_code' | 'unknown_lab' | 'result_conflict';
  status: string;
  detail: Record<string, unknown>;
  testId: string | null;
  lab: { id: string; name: string } | null;
  message: { id: string; controlId: string | null; receivedAt: string; transport: string };
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  note: string | null;
};

export function reviewQueueQueryOptions(status: 'open' | 'resolved' | 'dismissed') {
  return queryOptions({
    queryKey: ['monitoring', 'lab-review', status],
    queryFn: ({ signal }) =>
      api.get<{ items: ReviewItem[] }>('/v1/lab-review', { signal, query: { status } }).then((r) => r.items),
  });
}

/** A change that leaves the monitoring views (and the timeline) to be read again. */
function useMonitoringMutation<Body, Result>(fn: (body: Body) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

export const useCreateTest = () =>
  useMonitoringMutation(
    (body: { enrollmentId: string; reason: 'for_cause' | 'intake'; specimenType: string; accessionId?: string }) =>
      api.post<{ id: string }>('/v1/tests', body),
  );

export const useRecordUseReport = () =>
  useMonitoringMutation(
    (body: { enrollmentId: string; substanceGroups: string[]; usedFrom: string; usedTo: string | null; statement: string }) =>
      api.post<{ id: string }>('/v1/use-reports', body),
  );

export const useRecordCollection = () =>
  useMonitoringMutation((body: { testId: string } & Record<string, unknown>) => {
    const { testId, ...rest } = body;
    return api.post<{ id: string }>(`/v1/tests/${testId}/collection`, rest);
  });

export const useRecordResults = () =>
  useMonitoringMutation(
    (body: { testId: string; results: { analyte: string; stage: string; result: string; value?: number | null }[] }) =>
      api.post<{ id: string }>(`/v1/tests/${body.testId}/results`, { results: body.results }),
  );

export const useOpenReview = () =>
  useMonitoringMutation((body: { testId: string; kind: 'dispute' | 'carry_over'; statement?: string }) =>
    api.post<{ id: string }>(`/v1/tests/${body.testId}/reviews`, { kind: body.kind, statement: body.statement }),
  );

export const useCloseReview = () =>
  useMonitoringMutation((body: { reviewId: string; finding: string; note?: string }) =>
    api.post<{ id: string }>(`/v1/test-reviews/${body.reviewId}/close`, { finding: body.finding, note: body.note }),
  );

export const useRecordAttendance = () =>
  useMonitoringMutation((body: AttendanceCreate) => api.post<{ id: string }>('/v1/attendance', body));

export const useUpdateAttendance = () =>
  useMonitoringMutation((body: { eventId: string; outcome?: string; verified?: boolean }) => {
    const { eventId, ...rest } = body;
    return api.patch<{ id: string }>(`/v1/attendance/${eventId}`, rest);
  });

export const useCreatePrescription = () =>
  useMonitoringMutation((body: PrescriptionCreate) => api.post<{ id: string }>('/v1/prescriptions', body));

export const useEndPrescription = () =>
  useMonitoringMutation((body: { prescriptionId: string; endedOn: string; stopReason: string }) =>
    api.patch<{ id: string }>(`/v1/prescriptions/${body.prescriptionId}`, { endedOn: body.endedOn, stopReason: body.stopReason }),
  );

export const useRecordDose = () =>
  useMonitoringMutation(
    (body: { prescriptionId: string; dueOn: string; status: 'taken' | 'missed' | 'held'; note: string | null }) => {
      const { prescriptionId, ...rest } = body;
      return api.post<{ id: string }>(`/v1/prescriptions/${prescriptionId}/doses`, rest);
    },
  );

export const useRecordContinuityEvent = () =>
  useMonitoringMutation(
    (body: { enrollmentId: string; kind: string; occurredAt?: string; expectedDays: number | null; note: string | null }) =>
      api.post<{ id: string }>('/v1/continuity-events', body),
  );

export const useRunDraw = (courtId: string) =>
  useMonitoringMutation((body: { date?: string }) =>
    api.post<{ id: string; date: string; tests: number }>(`/v1/courts/${courtId}/testing/draws`, body),
  );

export const useCreateGroup = (courtId: string) =>
  useMonitoringMutation((body: { name: string; testsPerWeek: number }) =>
    api.post<Group>(`/v1/courts/${courtId}/testing-groups`, body),
  );

export const useSetTestingPlan = () =>
  useMonitoringMutation(
    (body: {
      enrollmentId: string;
      method: 'random' | 'group';
      groupId: string | null;
      testsPerWeek: number | null;
      specimenType: string;
      collectorOrgId: string;
      startsOn: string;
    }) => api.post<{ id: string }>('/v1/testing-plans', body),
  );

export const useAddHoliday = (courtId: string) =>
  useMonitoringMutation((body: { on: string; name: string }) => api.post<Holiday>(`/v1/courts/${courtId}/holidays`, body));

export const useUpdateTestingSettings = (courtId: string) =>
  useMonitoringMutation((body: { reportWithinHours: Partial<TestingSettings['reportWithinHours']> }) =>
    api.patch<TestingSettings>(`/v1/courts/${courtId}/testing/settings`, body),
  );

export const useResolveReviewItem = () =>
  useMonitoringMutation((body: { itemId: string } & z.input<typeof ZReviewResolution>) => {
    const { itemId, ...rest } = body;
    return api.post<{ id: string }>(`/v1/lab-review/${itemId}/resolve`, rest);
  });
