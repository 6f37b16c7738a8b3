import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_KINDS, ATTENDANCE_OUTCOMES, ATTENDANCE_ROLES } from '../../../modules/attendance/attendance.schema';
import type { Attendance, Me, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { RedisclosureNotice } from '../../components/RedisclosureNotice';
import { applyServerErrors } from '../../components/server-errors';
import { useFormat } from '../../i18n/use-format';
import { CaseSelect } from './CaseSelect';
import { attendanceQueryOptions, useRecordAttendance, useUpdateAttendance } from './monitoring-api';
import { casesWhereRecording } from './recording-roles';

const OUTCOME_COLOR: Record<Attendance['outcome'], string> = {
  scheduled: 'indigo',
  attended: 'teal',
  late: 'yellow',
  excused: 'gray',
  missed: 'orange',
  rescheduled: 'grape',
};

function RecordAttendanceForm(props: { participant: Participant; me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordAttendance();
  const cases = casesWhereRecording(props.participant, props.me.user.id, ATTENDANCE_ROLES);
  const form = useForm({
    initialValues: {
      enrollmentId: cases[0]?.id ?? '',
      kind: 'treatment_group' as Attendance['kind'],
      title: '',
      scheduledAt: '',
      durationMinutes: '' as number | string,
      outcome: 'attended' as Attendance['outcome'],
      selfReported: false,
      note: '',
    },
    validate: { scheduledAt: (v) => (v ? null : t('attendance.whenRequired')) },
  });
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        enrollmentId: v.enrollmentId,
        kind: v.kind,
        title: v.title,
        scheduledAt: new Date(v.scheduledAt).toISOString(),
        durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
        outcome: v.outcome,
        selfReported: v.selfReported,
        note: v.note.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('attendance.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <CaseSelect cases={cases} inputProps={form.getInputProps('enrollmentId')} />
        <Select
          label={t('attendance.kind')}
          data={ATTENDANCE_KINDS.map((k) => ({ value: k, label: t(`monitoring.attendanceKinds.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('attendance.titleLabel')} description={t('attendance.titleHint')} {...form.getInputProps('title')} />
        <Group grow align="flex-start">
          <TextInput label={t('attendance.when')} type="datetime-local" withAsterisk {...form.getInputProps('scheduledAt')} />
          <NumberInput label={t('attendance.duration')} min={1} max={1440} {...form.getInputProps('durationMinutes')} />
        </Group>
        <Select
          label={t('attendance.outcome')}
          description={t('attendance.outcomeHint')}
          data={ATTENDANCE_OUTCOMES.filter((o) => o !== 'rescheduled').map((o) => ({
            value: o,
            label: t(`monitoring.attendanceOutcomes.${o}`),
          }))}
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        <Checkbox
          label={t('attendance.selfReported')}
          description={t('attendance.selfReportedHint')}
          {...form.getInputProps('selfReported', { type: 'checkbox' })}
        />
        <Textarea label={t('attendance.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('attendance.save')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** How the participant's events went over the last 30 days, counted the way a team reviews them. */
function Summary(props: { items: Attendance[] }) {
  const { t } = useTranslation();
  const since = Date.now() - 30 * 86_400_000;
  const past = props.items.filter((e) => {
    const at = new Date(e.scheduledAt).getTime();
    return at >= since && at <= Date.now() && e.outcome !== 'rescheduled' && e.outcome !== 'excused';
  });
  const kept = past.filter((e) => e.outcome === 'attended' || e.outcome === 'late').length;
  if (past.length === 0) return null;
  return (
    <Text size="sm">
      {t('attendance.summary', { kept, count: past.length, percent: Math.round((100 * kept) / past.length) })}
    </Text>
  );
}

/**
 * A participant's treatment sessions, hearings, appointments and meetings as the reader may see
 * them — what is coming, and how each went — and, for the team members who keep them, recording
 * an event, its outcome, and confirming one the participant reported.
 */
export function AttendanceTab(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(attendanceQueryOptions(props.participant.id));
  const update = useUpdateAttendance();
  const [recording, recorder] = useDisclosure(false);
  const myOrgs = new Set(props.me.memberships.map((m) => m.organizationId));
  const mayRecord = casesWhereRecording(props.participant, props.me.user.id, ATTENDANCE_ROLES).length > 0;
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const { items, redisclosureNotice } = query.data;
  const now = Date.now();
  const upcoming = items.filter((e) => e.outcome === 'scheduled' && new Date(e.scheduledAt).getTime() > now).reverse();
  const past = items.filter((e) => !upcoming.includes(e));
  const row = (event: Attendance) => {
    const holder = myOrgs.has(event.custodian.id) && mayRecord;
    return (
      <Table.Tr key={event.id}>
        <Table.Td>
          <Text size="sm">{format.dateTime(event.scheduledAt)}</Text>
          {event.durationMinutes ? (
            <Text size="xs" c="dimmed">
              {t('attendance.minutes', { count: event.durationMinutes })}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t(`monitoring.attendanceKinds.${event.kind}`)}</Text>
          {event.title ? (
            <Text size="xs" c="dimmed">
              {event.title}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Group gap={4}>
            <Badge color={OUTCOME_COLOR[event.outcome]} variant="light" tt="none" c="dark.9">
              {t(`monitoring.attendanceOutcomes.${event.outcome}`)}
            </Badge>
            {event.selfReported ? (
              <Badge color="gray" variant="outline" tt="none" c="dark.9">
                {event.verified ? t('attendance.verified') : t('attendance.selfReportedBadge')}
              </Badge>
            ) : null}
          </Group>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{event.custodian.name}</Text>
        </Table.Td>
        <Table.Td>
          {holder && event.outcome === 'scheduled' && new Date(event.scheduledAt).getTime() <= now ? (
            <Group gap={4}>
              {(['attended', 'late', 'excused', 'missed'] as const).map((outcome) => (
                <Button
                  key={outcome}
                  size="compact-xs"
                  variant="default"
                  loading={update.isPending && update.variables?.eventId === event.id}
                  onClick={() => update.mutate({ eventId: event.id, outcome })}
                >
                  {t(`monitoring.attendanceOutcomes.${outcome}`)}
                </Button>
              ))}
            </Group>
          ) : holder && event.selfReported && !event.verified ? (
            <Button size="compact-xs" variant="default" onClick={() => update.mutate({ eventId: event.id, verified: true })}>
              {t('attendance.verify')}
            </Button>
          ) : null}
        </Table.Td>
      </Table.Tr>
    );
  };
  const table = (rows: Attendance[], caption: string) => (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('attendance.when')}</Table.Th>
            <Table.Th scope="col">{t('attendance.kind')}</Table.Th>
            <Table.Th scope="col">{t('attendance.outcome')}</Table.Th>
            <Table.Th scope="col">{t('testing.heldBy')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows.map(row)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('attendance.title')}
        </Title>
        {mayRecord ? (
          <Button leftSection={<IconCalendarPlus size={16} aria-hidden="true" />} variant="default" onClick={recorder.open}>
            {t('attendance.record')}
          </Button>
        ) : null}
      </Group>
      {redisclosureNotice ? <RedisclosureNotice /> : null}
      <ErrorAlert error={update.error} />
      {items.length === 0 ? <Text c="dimmed">{t('attendance.empty')}</Text> : <Summary items={items} />}
      {upcoming.length > 0 ? table(upcoming, t('attendance.upcoming')) : null}
      {past.length > 0 ? table(past, t('attendance.past')) : null}
      <AppModal opened={recording} onClose={recorder.close} title={t('attendance.recordTitle')}>
        <RecordAttendanceForm participant={props.participant} me={props.me} onDone={recorder.close} />
      </AppModal>
    </Stack>
  );
}
