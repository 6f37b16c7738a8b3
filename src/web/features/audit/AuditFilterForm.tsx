import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES } from '../../api/enums';
import { usersQueryOptions } from '../users/users-api';
import type { AuditFilters } from './audit-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Values = { action: string; actorUserId: string; participantId: string; outcome: string; from: string; to: string };
const ANY = 'any';
const EMPTY: Values = { action: '', actorUserId: ANY, participantId: '', outcome: ANY, from: '', to: '' };

/** A local day as the start (or end) of that day in this browser's time zone, as the API expects. */
function dayBoundary(day: string, end: boolean): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();
}

export function AuditFilterForm(props: { onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const users = useQuery(usersQueryOptions());
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      participantId: (value) => (!value.trim() || UUID.test(value.trim()) ? null : t('validation.uuid')),
      to: (value, values) => (value && values.from && value < values.from ? t('audit.toBeforeFrom') : null),
    },
  });
  const submit = form.onSubmit((v) => {
    const filters: AuditFilters = {};
    if (v.action.trim()) filters.action = v.action.trim();
    if (v.actorUserId !== ANY) filters.actorUserId = v.actorUserId;
    if (v.participantId.trim()) filters.participantId = v.participantId.trim();
    if (v.outcome !== ANY) filters.outcome = v.outcome as AuditFilters['outcome'];
    if (v.from) filters.from = dayBoundary(v.from, false);
    if (v.to) filters.to = dayBoundary(v.to, true);
    props.onApply(filters);
  });
  return (
    <Paper withBorder p="md" component="form" noValidate onSubmit={submit} aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
        <TextInput label={t('audit.actionFilter')} description={t('audit.actionFilterHint')} {...form.getInputProps('action')} />
        <Select
          label={t('audit.actorFilter')}
          description={t('audit.actorFilterHint')}
          data={[
            { value: ANY, label: t('audit.anyPerson') },
            ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
          ]}
          searchable
          allowDeselect={false}
          {...form.getInputProps('actorUserId')}
        />
        <TextInput
          label={t('audit.participantFilter')}
          description={t('audit.participantFilterHint')}
          {...form.getInputProps('participantId')}
        />
        <Select
          label={t('audit.outcomeFilter')}
          data={[
            { value: ANY, label: t('audit.anyOutcome') },
            ...AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) })),
          ]}
          allowDeselect={false}
          {...form.getInputProps('outcome')}
        />
        <TextInput label={t('audit.from')} type="date" {...form.getInputProps('from')} />
        <TextInput label={t('audit.to')} type="date" {...form.getInputProps('to')} />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit">{t('audit.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            form.setValues(EMPTY);
            props.onApply({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </Paper>
  );
}
