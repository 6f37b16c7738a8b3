import { Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_ANALYTE_CODES } from '../../../modules/testing/substances';
import { type Detail, DetailList } from '../../components/DetailList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { SegmentedField } from '../../components/SegmentedField';
import { useFormat } from '../../i18n/use-format';
import { analyteLabel } from '../timeline/TimelineEntries';
import { type ReviewItem, reviewQueueQueryOptions, useResolveReviewItem } from './monitoring-api';

type Observation = { code?: string; text?: string; value?: string; codingSystem?: string; units?: string };
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** What the lab sent, in the words a person reviewing it needs: who, which specimen, which codes. */
function ItemDetails(props: { item: ReviewItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const d = props.item.detail;
  const patient = (d.patient ?? {}) as {
    name?: string;
    dateOfBirth?: string | null;
    identifiers?: { value: string; type: string }[];
  };
  const specimens = Array.isArray(d.specimenIds) ? (d.specimenIds as string[]) : [];
  const items: Detail[] = [
    { label: t('labReview.lab'), value: props.item.lab?.name ?? '—' },
    { label: t('labReview.received'), value: format.dateTime(props.item.message.receivedAt) },
    { label: t('labReview.accession'), value: [...specimens, text(d.filler), text(d.placer)].filter(Boolean).join(' · ') || '—' },
  ];
  const ids = (patient.identifiers ?? []).map((i) => i.value);
  if (patient.name || ids.length > 0) {
    items.push({ label: t('labReview.patient'), value: [patient.name, ...ids].filter(Boolean).join(' · ') });
  }
  if (text(d.collectedAt)) items.push({ label: t('labReview.collected'), value: format.dateTime(text(d.collectedAt)) });
  if (props.item.message.controlId)
    items.push({ label: t('labReview.controlId'), value: <Code>{props.item.message.controlId}</Code> });
  const observations = (Array.isArray(d.observations) ? d.observations : []) as Observation[];
  return (
    <Stack gap="xs">
      <DetailList items={items} />
      {observations.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }} aria-label={t('labReview.observations')}>
          {observations.map((o) => (
            <li key={`${o.code}|${o.text}|${o.value}`}>
              <Text size="sm">
                <Code>{o.code ?? '?'}</Code> {o.text ?? ''} {o.value ? `— ${o.value}${o.units ? ` ${o.units}` : ''}` : ''}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
    </Stack>
  );
}

function Resolve(props: { item: ReviewItem }) {
  const { t } = useTranslation();
  const resolve = useResolveReviewItem();
  const item = props.item;
  const [action, setAction] = useState<'match' | 'map' | 'dismiss'>(
    item.reason === 'unmapped_code' ? 'map' : item.reason === 'unmatched_specimen' ? 'match' : 'dismiss',
  );
  const [testId, setTestId] = useState('');
  const [note, setNote] = useState('');
  const observations = (Array.isArray(item.detail.observations) ? item.detail.observations : []) as Observation[];
  const [code, setCode] = useState(observations[0]?.code ?? '');
  const [analyte, setAnalyte] = useState<string | null>(null);
  const [stage, setStage] = useState<'screen' | 'confirmation'>('screen');
  const done = () => notifySuccess(t('labReview.resolved'));
  const submit = () => {
    const trimmed = note.trim() || undefined;
    if (action === 'match')
      resolve.mutate({ itemId: item.id, action: 'match', testId: testId.trim(), note: trimmed }, { onSuccess: done });
    else if (action === 'dismiss') resolve.mutate({ itemId: item.id, action: 'dismiss', note: note.trim() }, { onSuccess: done });
    else
      resolve.mutate(
        { itemId: item.id, action: 'map', mapping: { code, target: 'result', analyte: analyte as never, stage }, note: trimmed },
        { onSuccess: done },
      );
  };
  const actions = [
    ...(item.reason === 'unmatched_specimen' ? [{ value: 'match', label: t('labReview.actions.match') }] : []),
    ...(item.reason === 'unmapped_code' ? [{ value: 'map', label: t('labReview.actions.map') }] : []),
    { value: 'dismiss', label: t('labReview.actions.dismiss') },
  ];
  return (
    <Stack gap="xs" mt="sm">
      {actions.length > 1 ? (
        <SegmentedField
          label={t('labReview.action')}
          data={actions}
          value={action}
          onChange={(v) => setAction(v as typeof action)}
        />
      ) : null}
      {action === 'match' ? (
        <TextInput
          label={t('labReview.testId')}
          description={t('labReview.testIdHint')}
          value={testId}
          onChange={(e) => setTestId(e.currentTarget.value)}
        />
      ) : null}
      {action === 'map' ? (
        <Group grow align="flex-start">
          <Select
            label={t('labReview.code')}
            data={[...new Set(observations.map((o) => o.code).filter((c): c is string => Boolean(c)))]}
            value={code}
            allowDeselect={false}
            onChange={(v) => setCode(v ?? '')}
          />
          <Select
            label={t('testing.analyte')}
            data={BUILT_IN_ANALYTE_CODES.map((a) => ({ value: a, label: analyteLabel(a, t) }))}
            searchable
            value={analyte}
            onChange={setAnalyte}
          />
          <SegmentedField
            label={t('testing.stage')}
            data={[
              { value: 'screen', label: t('testing.screen') },
              { value: 'confirmation', label: t('testing.confirmation') },
            ]}
            value={stage}
            onChange={(v) => setStage(v as typeof stage)}
          />
        </Group>
      ) : null}
      <Textarea
        label={action === 'dismiss' ? t('labReview.noteRequired') : t('labReview.note')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ErrorAlert error={resolve.error} />
      <Group>
        <Button size="sm" onClick={submit} loading={resolve.isPending}>
          {t(`labReview.submit.${action}`)}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Lab messages that could not settle by themselves — a specimen Tandem could not match to a test, a
 * code the lab has not been mapped for, a result that conflicts with one already kept — for the
 * staff who handle their organization's lab work. Nothing here is lost: the message is kept as sent.
 */
export function LabReviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<'open' | 'resolved' | 'dismissed'>('open');
  const query = useQuery(reviewQueueQueryOptions(status));
  return (
    <>
      <PageHeader title={t('labReview.title')}>
        <Text c="dimmed">{t('labReview.intro')}</Text>
      </PageHeader>
      <Stack gap="md">
        <SegmentedField
          label={t('labReview.show')}
          data={(['open', 'resolved', 'dismissed'] as const).map((s) => ({ value: s, label: t(`labReview.statuses.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
        />
        {query.isPending ? <LoadingState /> : null}
        {query.isError ? <ErrorAlert error={query.error} /> : null}
        {query.data && query.data.length === 0 ? <Text c="dimmed">{t('labReview.empty')}</Text> : null}
        {(query.data ?? []).map((item) => {
          const headingId = `review-${item.id}`;
          return (
            <Paper key={item.id} withBorder p="md" component="article" aria-labelledby={headingId}>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h5" id={headingId}>
                  {t(`labReview.reasons.${item.reason}`)}
                </Title>
                <Badge variant="light" color={item.status === 'open' ? 'orange' : 'gray'} tt="none" c="dark.9">
                  {t(`labReview.statuses.${item.status as 'open'}`)}
                </Badge>
              </Group>
              <ItemDetails item={item} />
              {item.status === 'open' ? (
                <Resolve item={item} />
              ) : (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('labReview.settledBy', { name: item.resolvedByName ?? '—', date: format.dateTime(item.resolvedAt) })}
                  {item.note ? ` — ${item.note}` : ''}
                </Text>
              )}
            </Paper>
          );
        })}
      </Stack>
    </>
  );
}
