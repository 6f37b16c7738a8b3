import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Enrollment, TeamMember } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySuccess } from '../../components/notify';
import { useEndTeamMember } from './participants-api';

export function EndAssignmentForm(props: { enrollment: Enrollment; member: TeamMember; onDone: () => void }) {
  const { t } = useTranslation();
  const end = useEndTeamMember(props.enrollment.id);
  const form = useForm({ initialValues: { reason: '' } });
  const submit = form.onSubmit((values) =>
    end.mutate(
      { memberId: props.member.id, reason: values.reason.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('team.ended'));
          props.onDone();
        },
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text>{t('team.endConfirm', { name: props.member.displayName, role: t(`role.${props.member.role}`) })}</Text>
        <Textarea label={t('team.endReason')} autosize minRows={2} maxLength={500} {...form.getInputProps('reason')} />
        <ErrorAlert error={end.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={end.isPending}>
            {t('team.endSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
