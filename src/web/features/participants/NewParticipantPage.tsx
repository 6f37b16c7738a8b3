import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ParticipantCreate, TeamRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useMe } from '../auth/auth-api';
import { courtsFor } from '../auth/capabilities';
import { programsQueryOptions } from '../programs/programs-api';
import { IdentityFields, type IdentityForm } from './IdentityFields';
import { emptyIdentity, type IdentityValues, identityForCreate, identityValidation } from './identity-form';
import { programTeamCandidatesQueryOptions, useEnrollParticipant } from './participants-api';
import { candidateOptions, parseCandidateValue } from './team-candidates';

const FIRST_PHASE = 'first';

type EnrollmentValues = {
  programId: string;
  caseNumber: string;
  referralSource: string;
  referredOn: string;
  status: 'referred' | 'screening' | 'active';
  phaseId: string;
  nextCourtDate: string;
};
type Values = { identity: IdentityValues; enrollment: EnrollmentValues; team: string[] };

/** Enrolling a participant in a program of a court where the person coordinates. */
export function NewParticipantPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const courts = courtsFor(me, 'participant.enroll');
  const programs = useQuery(programsQueryOptions());
  const enroll = useEnrollParticipant();
  const form = useForm<Values>({
    initialValues: {
      identity: emptyIdentity(),
      enrollment: {
        programId: '',
        caseNumber: '',
        referralSource: '',
        referredOn: todayLocal(),
        status: 'referred',
        phaseId: FIRST_PHASE,
        nextCourtDate: '',
      },
      team: [],
    },
    validate: {
      identity: identityValidation(t),
      enrollment: {
        programId: (value) => (value ? null : t('validation.chooseOne')),
        caseNumber: (value) => (value.trim() ? null : t('validation.required')),
        referredOn: (value) => (value ? null : t('validation.required')),
      },
    },
  });
  const values = form.getValues();
  const available = (programs.data ?? []).filter((program) => program.active && courts.includes(program.courtId));
  const severalCourts = new Set(available.map((program) => program.courtId)).size > 1;
  const program = available.find((p) => p.id === values.enrollment.programId);
  const candidates = useQuery(programTeamCandidatesQueryOptions(values.enrollment.programId));

  const submit = form.onSubmit((v) => {
    const body: ParticipantCreate = {
      identity: identityForCreate(v.identity),
      enrollment: {
        programId: v.enrollment.programId,
        caseNumber: v.enrollment.caseNumber.trim(),
        referredOn: v.enrollment.referredOn,
        status: v.enrollment.status,
        ...(v.enrollment.referralSource.trim() ? { referralSource: v.enrollment.referralSource.trim() } : {}),
        ...(v.enrollment.nextCourtDate ? { nextCourtDate: v.enrollment.nextCourtDate } : {}),
        ...(v.enrollment.status === 'active' && v.enrollment.phaseId !== FIRST_PHASE ? { phaseId: v.enrollment.phaseId } : {}),
      },
      team: v.team.map((value) => {
        const { userId, role } = parseCandidateValue(value);
        return { userId, role: role as TeamRole };
      }),
    };
    enroll.mutate(body, {
      onSuccess: (created) => {
        notifySuccess(t('newParticipant.created'));
        void navigate({ to: '/participants/$participantId', params: { participantId: created.participantId } });
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });

  return (
    <>
      <PageHeader title={t('newParticipant.title')}>
        <Text c="dimmed">{t('newParticipant.intro')}</Text>
      </PageHeader>
      <form noValidate onSubmit={submit}>
        <Stack gap="lg" maw={960}>
          <Paper withBorder p="md" component="section" aria-labelledby="new-identity-heading">
            <Title order={2} size="h3" mb="sm" id="new-identity-heading">
              {t('newParticipant.identityHeading')}
            </Title>
            <IdentityFields form={form as unknown as IdentityForm} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="new-enrollment-heading">
            <Title order={2} size="h3" mb="sm" id="new-enrollment-heading">
              {t('newParticipant.enrollmentHeading')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
              <Select
                label={t('enrollment.program')}
                data={available.map((p) => ({ value: p.id, label: severalCourts ? `${p.name} (${p.courtName})` : p.name }))}
                required
                allowDeselect={false}
                disabled={programs.isPending}
                {...form.getInputProps('enrollment.programId')}
                onChange={(value) => {
                  form.setFieldValue('enrollment.programId', value ?? '');
                  form.setFieldValue('enrollment.phaseId', FIRST_PHASE);
                  form.setFieldValue('team', []);
                }}
              />
              <TextInput label={t('enrollment.caseNumber')} required {...form.getInputProps('enrollment.caseNumber')} />
              <TextInput
                label={t('enrollment.referralSource')}
                description={t('enrollment.referralSourceHint')}
                {...form.getInputProps('enrollment.referralSource')}
              />
              <TextInput
                label={t('enrollment.referredOn')}
                type="date"
                required
                max={todayLocal()}
                {...form.getInputProps('enrollment.referredOn')}
              />
              <Select
                label={t('newParticipant.initialStatus')}
                data={(['referred', 'screening', 'active'] as const).map((status) => ({
                  value: status,
                  label: t(`status.${status}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps('enrollment.status')}
              />
              {values.enrollment.status === 'active' ? (
                <Select
                  label={t('newParticipant.startingPhase')}
                  description={t('newParticipant.startingPhaseHint')}
                  data={[
                    { value: FIRST_PHASE, label: t('newParticipant.firstPhase') },
                    ...(program?.phases ?? []).map((phase) => ({
                      value: phase.id,
                      label: t('phase.option', { position: phase.position, name: phase.name }),
                    })),
                  ]}
                  disabled={!program}
                  allowDeselect={false}
                  {...form.getInputProps('enrollment.phaseId')}
                />
              ) : null}
              <TextInput label={t('enrollment.nextCourtDate')} type="date" {...form.getInputProps('enrollment.nextCourtDate')} />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="new-team-heading">
            <Title order={2} size="h3" mb="sm" id="new-team-heading">
              {t('team.heading')}
            </Title>
            <MultiSelect
              label={t('newParticipant.team')}
              description={program ? t('newParticipant.teamHint') : t('newParticipant.teamNeedsProgram')}
              data={candidateOptions(t, candidates.data ?? [])}
              searchable
              disabled={!program}
              nothingFoundMessage={t('team.noCandidates')}
              {...form.getInputProps('team')}
            />
          </Paper>
          <ErrorAlert error={enroll.error} values={values} />
          <ErrorAlert error={programs.error} />
          <Group>
            <Button type="submit" loading={enroll.isPending}>
              {t('newParticipant.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
