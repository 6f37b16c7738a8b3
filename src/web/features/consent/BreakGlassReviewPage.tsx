import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakGlass } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { SegmentedField } from '../../components/SegmentedField';
import { useFormat } from '../../i18n/use-format';
import { useMe } from '../auth/auth-api';
import { breakGlassQueryOptions, useReviewBreakGlass } from './consent-api';

function GrantReview(props: { grant: BreakGlass }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const g = props.grant;
  const [note, setNote] = useState('');
  const review = useReviewBreakGlass();
  const headingId = `grant-${g.id}`;
  const decide = (outcome: 'appropriate' | 'inappropriate') =>
    review.mutate(
      { grantId: g.id, outcome, note: note.trim() || undefined },
      { onSuccess: () => notifySuccess(t('breakGlass.reviewSaved')) },
    );
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {t('breakGlass.grantTitle', { user: g.userName, participant: g.participantName })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('breakGlass.grantWhen', {
          organization: g.organizationName,
          from: format.dateTime(g.startsAt),
          to: format.dateTime(g.expiresAt),
        })}
      </Text>
      <Text mt="xs">{t('breakGlass.grantReason', { reason: g.reason })}</Text>
      {g.userId === me.user.id && !g.reviewedAt ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('breakGlass.ownGrant')}
        </Text>
      ) : g.reviewedAt ? (
        <Group gap="xs" mt="xs">
          <Badge color={g.reviewOutcome === 'appropriate' ? 'teal' : 'red'} variant="light" tt="none" c="dark.9">
            {t(`breakGlass.outcomes.${g.reviewOutcome ?? 'appropriate'}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('breakGlass.reviewedBy', { name: g.reviewedByName ?? '', date: format.dateTime(g.reviewedAt) })}
            {g.reviewNote ? ` — ${g.reviewNote}` : ''}
          </Text>
        </Group>
      ) : (
        <Stack gap="xs" mt="sm">
          <Textarea
            label={t('breakGlass.reviewNote')}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group gap="xs">
            <Button size="sm" onClick={() => decide('appropriate')} loading={review.isPending}>
              {t('breakGlass.markAppropriate')}
            </Button>
            <Button size="sm" color="red" variant="outline" onClick={() => decide('inappropriate')} loading={review.isPending}>
              {t('breakGlass.markInappropriate')}
            </Button>
          </Group>
          <ErrorAlert error={review.error} />
        </Stack>
      )}
    </Paper>
  );
}

/** The privacy officer's list of emergency accesses to treatment records, each to be reviewed. */
export function BreakGlassReviewPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<'unreviewed' | 'all'>('unreviewed');
  const query = useQuery(breakGlassQueryOptions(show === 'unreviewed'));
  return (
    <>
      <PageHeader title={t('breakGlass.reviewTitle')}>
        <Text c="dimmed">{t('breakGlass.reviewIntro')}</Text>
      </PageHeader>
      <Stack gap="md">
        <SegmentedField
          label={t('breakGlass.filter')}
          value={show}
          onChange={(value) => setShow(value as 'unreviewed' | 'all')}
          data={[
            { value: 'unreviewed', label: t('breakGlass.unreviewed') },
            { value: 'all', label: t('breakGlass.all') },
          ]}
          maw={360}
        />
        {query.isPending ? <LoadingState /> : null}
        <ErrorAlert error={query.error} />
        {query.data?.length === 0 ? <Text c="dimmed">{t('breakGlass.none')}</Text> : null}
        {query.data?.map((grant) => (
          <GrantReview key={grant.id} grant={grant} />
        ))}
      </Stack>
    </>
  );
}
