import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconPill, IconRoute } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDICATIONS, type Medication } from '../../../modules/medications/medication-catalog';
import {
  CONTINUITY_EVENT_KINDS,
  DOSE_STATUSES,
  DOSING_ROLES,
  MEDICATION_ROLES,
} from '../../../modules/medications/medications.schema';
import { SUBSTANCE_GROUPS } from '../../../modules/testing/substances';
import type { Enrollment, Me, Participant, Prescription } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { RedisclosureNotice } from '../../components/RedisclosureNotice';
import { SegmentedField } from '../../components/SegmentedField';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { CaseSelect } from './CaseSelect';
import {
  prescriptionsQueryOptions,
  useCreatePrescription,
  useEndPrescription,
  useRecordContinuityEvent,
  useRecordDose,
} from './monitoring-api';
import { casesWhereRecording } from './recording-roles';

const MEDICATION_CODES = Object.keys(MEDICATIONS) as Medication[];
const today = () => new Date().toLocaleDateString('en-CA');

function PrescriptionForm(props: { participant: Participant; me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePrescription();
  const cases = casesWhereRecording(props.participant, props.me.user.id, MEDICATION_ROLES);
  const form = useForm({
    initialValues: {
      enrollmentId: cases[0]?.id ?? '',
      medication: 'buprenorphine_naloxone' as Medication,
      productName: '',
      dose: '',
      covers: [] as string[],
      prescriber: '',
      dispenser: '',
      startedOn: today(),
    },
    validate: {
      prescriber: (v) => (v.trim().length >= 2 ? null : t('medications.prescriberRequired')),
      startedOn: (v) => (v ? null : t('medications.startRequired')),
    },
  });
  const values = form.getValues();
  const submit = form.onSubmit((v) =>
    create.mutate(
      { ...v, covers: v.covers as Prescription['covers'] },
      {
        onSuccess: () => {
          notifySuccess(t('medications.saved'));
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
          label={t('medications.medication')}
          data={MEDICATION_CODES.map((m) => ({ value: m, label: t(`monitoring.medications.${m}`) }))}
          searchable
          allowDeselect={false}
          {...form.getInputProps('medication')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('medications.productName')} {...form.getInputProps('productName')} />
          <TextInput label={t('medications.dose')} {...form.getInputProps('dose')} />
        </Group>
        {values.medication === 'other' ? (
          <MultiSelect
            label={t('medications.covers')}
            description={t('medications.coversHint')}
            data={SUBSTANCE_GROUPS.map((g) => ({ value: g, label: t(`monitoring.groups.${g}`) }))}
            {...form.getInputProps('covers')}
          />
        ) : null}
        <TextInput label={t('medications.prescriber')} withAsterisk {...form.getInputProps('prescriber')} />
        <TextInput label={t('medications.dispenser')} {...form.getInputProps('dispenser')} />
        <TextInput label={t('medications.startedOn')} type="date" withAsterisk {...form.getInputProps('startedOn')} />
        <ErrorAlert error={create.error} values={values} />
        <FormActions submitLabel={t('medications.save')} pending={create.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function EndForm(props: { prescription: Prescription; onDone: () => void }) {
  const { t } = useTranslation();
  const end = useEndPrescription();
  const form = useForm({
    initialValues: { endedOn: today(), stopReason: '' },
    validate: { stopReason: (v) => (v.trim() ? null : t('medications.stopReasonRequired')) },
  });
  const submit = form.onSubmit((v) =>
    end.mutate(
      { prescriptionId: props.prescription.id, endedOn: v.endedOn, stopReason: v.stopReason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('medications.ended'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('medications.endIntro')}</Text>
        <TextInput label={t('medications.endedOn')} type="date" withAsterisk {...form.getInputProps('endedOn')} />
        <TextInput label={t('medications.stopReason')} withAsterisk {...form.getInputProps('stopReason')} />
        <ErrorAlert error={end.error} values={form.getValues()} />
        <FormActions submitLabel={t('medications.end')} pending={end.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** A dose the program gave, or one missed or held, for the adherence record and the missed-dose alert. */
function DoseForm(props: { prescription: Prescription; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordDose();
  const form = useForm({
    initialValues: { dueOn: todayLocal(), status: 'taken' as (typeof DOSE_STATUSES)[number], note: '' },
    validate: { dueOn: (v) => (v ? null : t('medications.doseDayRequired')) },
  });
  const submit = form.onSubmit((v) =>
    record.mutate(
      { prescriptionId: props.prescription.id, dueOn: v.dueOn, status: v.status, note: v.note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('medications.doseSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('medications.doseDay')}
          type="date"
          max={todayLocal()}
          withAsterisk
          {...form.getInputProps('dueOn')}
        />
        <SegmentedField
          label={t('medications.doseStatus')}
          data={DOSE_STATUSES.map((s) => ({ value: s, label: t(`monitoring.doses.${s}`) }))}
          {...form.getInputProps('status')}
        />
        <TextInput label={t('medications.note')} {...form.getInputProps('note')} />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('medications.saveDose')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/** An event that puts medication continuity at risk: the treatment team is alerted. */
function ContinuityForm(props: { cases: Enrollment[]; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordContinuityEvent();
  const form = useForm({
    initialValues: {
      enrollmentId: props.cases[0]?.id ?? '',
      kind: 'custody_admission' as string,
      occurredAt: '',
      expectedDays: '' as number | string,
      note: '',
    },
  });
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        enrollmentId: v.enrollmentId,
        kind: v.kind,
        ...(v.occurredAt ? { occurredAt: new Date(v.occurredAt).toISOString() } : {}),
        expectedDays: v.expectedDays === '' ? null : Number(v.expectedDays),
        note: v.note.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('medications.continuitySaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('medications.continuityIntro')}</Text>
        <CaseSelect cases={props.cases} inputProps={form.getInputProps('enrollmentId')} />
        <Select
          label={t('medications.continuityKind')}
          data={CONTINUITY_EVENT_KINDS.map((k) => ({ value: k, label: t(`monitoring.continuity.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={t('medications.continuityWhen')}
          description={t('medications.continuityWhenHint')}
          type="datetime-local"
          {...form.getInputProps('occurredAt')}
        />
        <NumberInput
          label={t('medications.expectedDays')}
          description={t('medications.expectedDaysHint')}
          min={0}
          max={3650}
          allowDecimal={false}
          {...form.getInputProps('expectedDays')}
        />
        <Textarea label={t('medications.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <ErrorAlert error={record.error} values={form.getValues()} />
        <FormActions submitLabel={t('medications.saveContinuity')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/**
 * A participant's prescriptions — MOUD first — as the reader may see them: in full for the treatment
 * team and those a consent shares medications with, or only that the participant receives MOUD and
 * since when. The treatment team sees alerts when continuity is at risk. Ending a prescription is the
 * prescriber's decision, recorded here.
 */
export function MedicationsTab(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(prescriptionsQueryOptions(props.participant.id));
  const [adding, adder] = useDisclosure(false);
  const [ending, setEnding] = useState<Prescription | null>(null);
  const [dosing, setDosing] = useState<Prescription | null>(null);
  const [continuity, continuityDialog] = useDisclosure(false);
  const myOrgs = new Set(props.me.memberships.map((m) => m.organizationId));
  const recordingCases = casesWhereRecording(props.participant, props.me.user.id, MEDICATION_ROLES);
  const mayRecord = recordingCases.length > 0;
  const dosingCases = new Set(casesWhereRecording(props.participant, props.me.user.id, DOSING_ROLES).map((e) => e.id));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const { items, alerts, redisclosureNotice } = query.data;
  const sorted = [...items].sort((a, b) => Number(b.moud) - Number(a.moud) || b.startedOn.localeCompare(a.startedOn));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('medications.title')}
        </Title>
        {mayRecord ? (
          <Group gap="xs">
            <Button leftSection={<IconRoute size={16} aria-hidden="true" />} variant="default" onClick={continuityDialog.open}>
              {t('medications.continuityOpen')}
            </Button>
            <Button leftSection={<IconPill size={16} aria-hidden="true" />} variant="default" onClick={adder.open}>
              {t('medications.add')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t('medications.intro')}
      </Text>
      {alerts.map((alert) => (
        <Alert
          key={`${alert.kind}-${alert.prescriptionId}`}
          color="orange"
          variant="light"
          role="note"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={t('medications.alertTitle', { medication: t(`monitoring.medications.${alert.medication}`) })}
        >
          <Text size="sm">
            {alert.kind === 'missed_doses'
              ? t('medications.missedDoses', { count: alert.count ?? 0, since: format.date(alert.since) })
              : t('medications.continuityEvent', {
                  event: t(`monitoring.continuity.${alert.kind}`),
                  since: format.dateTime(alert.since),
                })}
          </Text>
        </Alert>
      ))}
      {redisclosureNotice ? <RedisclosureNotice /> : null}
      {sorted.length === 0 ? <Text c="dimmed">{t('medications.empty')}</Text> : null}
      {sorted.map((p) => {
        const headingId = `rx-${p.id}`;
        const detailed = p.detail === 'full';
        return (
          <Paper key={p.id} withBorder p="md" component="article" aria-labelledby={headingId}>
            <Group justify="space-between" align="flex-start">
              <div>
                <Group gap="xs">
                  <Title order={3} size="h5" id={headingId}>
                    {t(`monitoring.medications.${p.medication}`)}
                    {p.productName ? ` — ${p.productName}` : ''}
                  </Title>
                  {p.moud ? (
                    <Badge color="blue" variant="light" tt="none" c="dark.9">
                      {t('medications.moud')}
                    </Badge>
                  ) : null}
                  {p.endedOn ? (
                    <Badge color="gray" variant="light" tt="none" c="dark.9">
                      {t('medications.endedBadge')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm">
                  {p.endedOn
                    ? t('medications.period', { from: format.date(p.startedOn), to: format.date(p.endedOn) })
                    : t('medications.since', { from: format.date(p.startedOn) })}
                  {p.dose ? ` · ${p.dose}` : ''}
                </Text>
                {detailed ? (
                  <Text size="sm" c="dimmed">
                    {t('medications.prescribedBy', { prescriber: p.prescriber })}
                    {p.dispenser ? ` · ${t('medications.dispensedBy', { dispenser: p.dispenser })}` : ''}
                    {p.stopReason ? ` · ${p.stopReason}` : ''}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('medications.moudOnly')}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('medications.heldBy', { organization: p.custodian.name })}
                </Text>
              </div>
              {!p.endedOn && mayRecord && myOrgs.has(p.custodian.id) ? (
                <Group gap={4}>
                  {dosingCases.has(p.enrollmentId) && detailed ? (
                    <Button size="xs" variant="default" onClick={() => setDosing(p)}>
                      {t('medications.recordDose')}
                    </Button>
                  ) : null}
                  <Button size="xs" variant="default" onClick={() => setEnding(p)}>
                    {t('medications.end')}
                  </Button>
                </Group>
              ) : null}
            </Group>
          </Paper>
        );
      })}
      <AppModal opened={adding} onClose={adder.close} title={t('medications.addTitle')}>
        <PrescriptionForm participant={props.participant} me={props.me} onDone={adder.close} />
      </AppModal>
      <AppModal opened={dosing !== null} onClose={() => setDosing(null)} title={t('medications.doseTitle')}>
        {dosing ? <DoseForm prescription={dosing} onDone={() => setDosing(null)} /> : null}
      </AppModal>
      <AppModal opened={continuity} onClose={continuityDialog.close} title={t('medications.continuityTitle')}>
        <ContinuityForm cases={recordingCases} onDone={continuityDialog.close} />
      </AppModal>
      <AppModal opened={ending !== null} onClose={() => setEnding(null)} title={t('medications.endTitle')}>
        {ending ? <EndForm prescription={ending} onDone={() => setEnding(null)} /> : null}
      </AppModal>
    </Stack>
  );
}
