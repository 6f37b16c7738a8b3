import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
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
import { IconAlertTriangle, IconFileText, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONDITION_KINDS, type ConditionKind } from '../../../modules/agreements/validate-condition';
import type { Enrollment, Me, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { canInCourt } from '../auth/capabilities';
import { CaseSelect } from '../monitoring/CaseSelect';
import { type Agreement, agreementsQueryOptions, useAcknowledgeAgreement, useDraftAgreement } from './agreements-api';

type ConditionValues = {
  kind: ConditionKind;
  wording: string;
  monitoredBy: string;
  frequency: string;
  fromPhase: number | string;
  sanctioned: boolean;
};

const blank = (kind: ConditionKind = 'treatment_attendance'): ConditionValues => ({
  kind,
  wording: '',
  monitoredBy: '',
  frequency: '',
  fromPhase: '',
  sanctioned: false,
});

/** A new version of the agreement: its conditions, each checked by the condition validator on saving. */
function DraftForm(props: { cases: Enrollment[]; language: 'en' | 'es'; current: Agreement | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const draft = useDraftAgreement();
  const form = useForm({
    initialValues: {
      enrollmentId: props.cases[0]?.id ?? '',
      language: props.language,
      conditions: props.current
        ? props.current.conditions.map(
            (c): ConditionValues => ({
              kind: c.kind,
              wording: c.wording[props.language] ?? c.wording.en ?? c.wording.es ?? '',
              monitoredBy: c.monitoredBy,
              frequency: c.frequency,
              fromPhase: c.fromPhase ?? '',
              sanctioned: c.sanctioned,
            }),
          )
        : [blank()],
    },
  });
  const submit = form.onSubmit((v) =>
    draft.mutate(
      {
        enrollmentId: v.enrollmentId,
        language: v.language,
        conditions: v.conditions.map((c) => ({
          kind: c.kind,
          wording: { [v.language]: c.wording },
          monitoredBy: c.monitoredBy,
          frequency: c.frequency,
          fromPhase: c.fromPhase === '' ? null : Number(c.fromPhase),
          sanctioned: c.sanctioned,
          // Abstinence means no unauthorized use: medications taken as prescribed are never counted.
          ...(c.kind === 'abstinence' ? { substances: 'all' as const, exceptsPrescribed: true } : {}),
        })),
      },
      {
        onSuccess: () => {
          notifySuccess(t('agreement.drafted'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  const conditions = form.getValues().conditions;
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('agreement.draftIntro')}</Text>
        <CaseSelect cases={props.cases} inputProps={form.getInputProps('enrollmentId')} />
        <Select
          label={t('agreement.language')}
          data={(['en', 'es'] as const).map((l) => ({ value: l, label: t(`agreement.languages.${l}`) }))}
          allowDeselect={false}
          {...form.getInputProps('language')}
        />
        {conditions.map((_, i) => (
          <Paper
            key={form.key(`conditions.${i}`)}
            withBorder
            p="sm"
            component="fieldset"
            aria-label={t('agreement.conditionN', { n: i + 1 })}
          >
            <Stack gap="xs">
              <Group justify="space-between" align="flex-end">
                <Select
                  label={t('agreement.kind')}
                  data={CONDITION_KINDS.map((k) => ({ value: k, label: t(`agreement.kinds.${k}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps(`conditions.${i}.kind`)}
                />
                {conditions.length > 1 ? (
                  <Button
                    variant="default"
                    leftSection={<IconTrash size={14} aria-hidden="true" />}
                    onClick={() => form.removeListItem('conditions', i)}
                  >
                    {t('agreement.removeCondition', { n: i + 1 })}
                  </Button>
                ) : null}
              </Group>
              <Textarea
                label={t('agreement.wording', { n: i + 1 })}
                withAsterisk
                autosize
                minRows={2}
                {...form.getInputProps(`conditions.${i}.wording`)}
              />
              <Group grow>
                <TextInput label={t('agreement.monitoredBy')} {...form.getInputProps(`conditions.${i}.monitoredBy`)} />
                <TextInput label={t('agreement.frequency')} {...form.getInputProps(`conditions.${i}.frequency`)} />
                <NumberInput
                  label={t('agreement.fromPhase')}
                  description={t('agreement.fromPhaseHint')}
                  min={1}
                  max={20}
                  allowDecimal={false}
                  {...form.getInputProps(`conditions.${i}.fromPhase`)}
                />
              </Group>
              <Checkbox
                label={t('agreement.sanctioned')}
                {...form.getInputProps(`conditions.${i}.sanctioned`, { type: 'checkbox' })}
              />
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={() => form.insertListItem('conditions', blank('other'))}
          >
            {t('agreement.addCondition')}
          </Button>
        </Group>
        <ErrorAlert error={draft.error} values={form.getValues()} />
        <FormActions submitLabel={t('agreement.saveDraft')} pending={draft.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function AcknowledgeForm(props: { agreement: Agreement; onDone: () => void }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledgeAgreement();
  const form = useForm({ initialValues: { acknowledgedOn: todayLocal() } });
  const submit = form.onSubmit((v) =>
    acknowledge.mutate(
      { agreementId: props.agreement.id, acknowledgedOn: v.acknowledgedOn },
      {
        onSuccess: () => {
          notifySuccess(t('agreement.acknowledged'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">
          {t('agreement.acknowledgeIntro', { language: t(`agreement.languages.${props.agreement.language}`) })}
        </Text>
        <TextInput
          label={t('agreement.acknowledgedOn')}
          type="date"
          max={todayLocal()}
          withAsterisk
          {...form.getInputProps('acknowledgedOn')}
        />
        <ErrorAlert error={acknowledge.error} values={form.getValues()} />
        <FormActions submitLabel={t('agreement.recordAcknowledgement')} pending={acknowledge.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/**
 * A participant's agreement with the court: the version in effect (acknowledged) and any draft, each
 * condition with what the condition validator warned about; the coordinator drafts a new version and
 * records the participant's acknowledgement.
 */
export function AgreementTab(props: { participant: Participant; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(agreementsQueryOptions(props.participant.id));
  const [drafting, drafter] = useDisclosure(false);
  const [acknowledging, setAcknowledging] = useState<Agreement | null>(null);
  const cases = props.participant.enrollments.filter((e) => canInCourt(props.me, 'participant.enroll', e.courtId));
  const language = props.participant.language.startsWith('es') ? 'es' : 'en';
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const items = query.data;
  const latest = items[0];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('agreement.title')}
        </Title>
        {cases.length > 0 ? (
          <Button leftSection={<IconFileText size={16} aria-hidden="true" />} variant="default" onClick={drafter.open}>
            {latest ? t('agreement.newVersion') : t('agreement.draft')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t('agreement.intro')}
      </Text>
      {items.length === 0 ? <Text c="dimmed">{t('agreement.none')}</Text> : null}
      {items
        .filter((a) => a.status !== 'superseded')
        .map((a) => {
          const headingId = `agreement-${a.id}`;
          return (
            <Paper key={a.id} withBorder p="md" component="article" aria-labelledby={headingId}>
              <Group justify="space-between" align="flex-start" mb="xs">
                <div>
                  <Group gap="xs">
                    <Title order={3} size="h5" id={headingId}>
                      {t('agreement.version', { version: a.version })}
                    </Title>
                    <Badge variant="light" color={a.status === 'acknowledged' ? 'teal' : 'gray'} tt="none" c="dark.9">
                      {t(`agreement.statuses.${a.status}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {a.acknowledgedOn
                      ? t('agreement.acknowledgedLine', {
                          date: format.date(a.acknowledgedOn),
                          witness: a.witnessedByName ?? '—',
                          language: t(`agreement.languages.${a.language}`),
                        })
                      : t('agreement.draftLine', { date: format.dateTime(a.createdAt) })}
                  </Text>
                </div>
                {a.status === 'draft' && cases.some((e) => e.id === a.enrollmentId) ? (
                  <Button size="xs" variant="default" onClick={() => setAcknowledging(a)}>
                    {t('agreement.recordAcknowledgement')}
                  </Button>
                ) : null}
              </Group>
              <Stack gap="xs" component="ol" style={{ paddingInlineStart: '1.25rem', margin: 0 }}>
                {a.conditions.map((c) => (
                  <li key={c.id}>
                    <Text size="sm">{c.wording[a.language] ?? c.wording.en ?? c.wording.es}</Text>
                    <Text size="xs" c="dimmed">
                      {[
                        t(`agreement.kinds.${c.kind}`),
                        c.monitoredBy && t('agreement.monitoredByLine', { who: c.monitoredBy }),
                        c.frequency,
                        c.fromPhase ? t('agreement.fromPhaseLine', { phase: c.fromPhase }) : null,
                        c.sanctioned ? t('agreement.sanctionedLine') : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    {c.warnings.map((w) => (
                      <Alert
                        key={w.ruleId}
                        mt={4}
                        color="orange"
                        variant="light"
                        role="note"
                        icon={<IconAlertTriangle aria-hidden="true" />}
                      >
                        <Text size="sm">{w.reason}</Text>
                      </Alert>
                    ))}
                  </li>
                ))}
              </Stack>
            </Paper>
          );
        })}
      {items.some((a) => a.status === 'superseded') ? (
        <Text size="sm" c="dimmed">
          {t('agreement.earlier', { count: items.filter((a) => a.status === 'superseded').length })}
        </Text>
      ) : null}
      <AppModal opened={drafting} onClose={drafter.close} title={t('agreement.draftTitle')} size="xl">
        <DraftForm
          cases={cases}
          language={language}
          current={items.find((a) => a.status === 'acknowledged') ?? latest}
          onDone={drafter.close}
        />
      </AppModal>
      <AppModal opened={acknowledging !== null} onClose={() => setAcknowledging(null)} title={t('agreement.acknowledgeTitle')}>
        {acknowledging ? <AcknowledgeForm agreement={acknowledging} onDone={() => setAcknowledging(null)} /> : null}
      </AppModal>
    </Stack>
  );
}
