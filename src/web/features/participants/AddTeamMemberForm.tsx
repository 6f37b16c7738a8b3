import { Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Enrollment, TeamRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { enrollmentTeamCandidatesQueryOptions, useAssignTeamMember } from './participants-api';
import { candidateOptions, parseCandidateValue } from './team-candidates';

export function AddTeamMemberForm(props: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useTranslation();
  const candidates = useQuery(enrollmentTeamCandidatesQueryOptions(props.enrollment.id));
  const assign = useAssignTeamMember(props.enrollment.id);
  const form = useForm({
    initialValues: { candidate: '' },
    validate: { candidate: (value) => (value ? null : t('validation.chooseOne')) },
  });
  if (candidates.isPending) return <LoadingState />;
  if (candidates.isError) return <ErrorAlert error={candidates.error} />;
  const serving = new Set(props.enrollment.team.filter((m) => m.endedOn === null).map((m) => `${m.userId}:${m.role}`));
  const options = candidateOptions(
    t,
    candidates.data.filter((c) => !serving.has(`${c.userId}:${c.role}`)),
  );
  const submit = form.onSubmit((values) => {
    const { userId, role } = parseCandidateValue(values.candidate);
    assign.mutate(
      { userId, role: role as TeamRole },
      {
        onSuccess: () => {
          notifySuccess(t('team.added'));
          props.onDone();
        },
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label={t('team.candidate')}
          description={t('team.candidateHint')}
          data={options}
          searchable
          required
          nothingFoundMessage={t('team.noCandidates')}
          {...form.getInputProps('candidate')}
        />
        <ErrorAlert error={assign.error} />
        <FormActions submitLabel={t('team.addSubmit')} pending={assign.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
