import { Badge, Button, Group, List, MultiSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATA_CLASSES, TEAM_ROLES } from '../../api/enums';
import type { DataClass, Participant, Restriction, TeamRole } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { endOfLocalDay, instantOfDay, todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import {
  courtOrdersQueryOptions,
  restrictionsQueryOptions,
  useDecideRestriction,
  useRecordCourtOrder,
  useRequestRestriction,
} from './consent-api';

const STATUS_COLORS = { requested: 'orange', agreed: 'teal', declined: 'gray', ended: 'dark' } as const;

function RestrictionForm(props: { participant: Participant; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { dataClasses: [] as DataClass[], recipientRoles: [] as TeamRole[], request: '', requestedOn: '' },
    validate: {
      dataClasses: (value) => (value.length > 0 ? null : t('validation.chooseOne')),
      request: (value) => (value.trim().length >= 3 ? null : t('validation.reasonLength')),
    },
  });
  const request = useRequestRestriction(props.participant.id);
  const submit = form.onSubmit((v) =>
    request.mutate(
      {
        dataClasses: v.dataClasses,
        recipientRoles: v.recipientRoles,
        request: v.request.trim(),
        requestedAt: v.requestedOn ? instantOfDay(v.requestedOn) : undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(t('restrictions.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error, (path) => (path === 'requestedAt' ? 'requestedOn' : path)),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <MultiSelect
          label={t('restrictions.classes')}
          data={DATA_CLASSES.map((c) => ({ value: c, label: t(`dataClass.${c}`) }))}
          required
          {...form.getInputProps('dataClasses')}
        />
        <MultiSelect
          label={t('restrictions.recipients')}
          description={t('restrictions.recipientsHint')}
          data={TEAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          {...form.getInputProps('recipientRoles')}
        />
        <Textarea
          label={t('restrictions.request')}
          description={t('restrictions.requestHint')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps('request')}
        />
        <TextInput label={t('restrictions.requestedOn')} type="date" max={todayLocal()} {...form.getInputProps('requestedOn')} />
        <ErrorAlert error={request.error} values={form.getValues()} />
        <FormActions submitLabel={t('restrictions.submit')} pending={request.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

const ORDER_PATHS: Record<string, string> = { issuedAt: 'issuedOn', expiresAt: 'expiresOn' };
const orderPath = (path: string) => ORDER_PATHS[path] ?? path;

function CourtOrderForm(props: { participant: Participant; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      issuingCourt: '',
      reference: '',
      scope: '',
      dataClasses: [] as DataClass[],
      issuedOn: '',
      expiresOn: '',
    },
    validate: {
      issuingCourt: (value) => (value.trim().length >= 2 ? null : t('validation.required')),
      reference: (value) => (value.trim() ? null : t('validation.required')),
      scope: (value) => (value.trim().length >= 10 ? null : t('courtOrders.scopeLength')),
      dataClasses: (value) => (value.length > 0 ? null : t('validation.chooseOne')),
      issuedOn: (value) => (value ? null : t('validation.required')),
    },
  });
  const record = useRecordCourtOrder(props.participant.id);
  const submit = form.onSubmit((v) =>
    record.mutate(
      {
        issuingCourt: v.issuingCourt.trim(),
        reference: v.reference.trim(),
        scope: v.scope.trim(),
        dataClasses: v.dataClasses,
        issuedAt: instantOfDay(v.issuedOn),
        expiresAt: v.expiresOn ? endOfLocalDay(v.expiresOn) : null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('courtOrders.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error, orderPath),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('courtOrders.issuingCourt')} required {...form.getInputProps('issuingCourt')} />
        <TextInput label={t('courtOrders.reference')} required {...form.getInputProps('reference')} />
        <Textarea
          label={t('courtOrders.scope')}
          description={t('courtOrders.scopeHint')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          {...form.getInputProps('scope')}
        />
        <MultiSelect
          label={t('courtOrders.classes')}
          data={DATA_CLASSES.map((c) => ({ value: c, label: t(`dataClass.${c}`) }))}
          required
          {...form.getInputProps('dataClasses')}
        />
        <Group grow>
          <TextInput
            label={t('courtOrders.issuedOn')}
            type="date"
            max={todayLocal()}
            required
            {...form.getInputProps('issuedOn')}
          />
          <TextInput label={t('courtOrders.expiresOn')} type="date" {...form.getInputProps('expiresOn')} />
        </Group>
        <ErrorAlert error={record.error} values={form.getValues()} mapPath={orderPath} withPaths={false} />
        <FormActions submitLabel={t('courtOrders.submit')} pending={record.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

function RestrictionItem(props: { restriction: Restriction; participantId: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = props.restriction;
  const decide = useDecideRestriction(props.participantId);
  const act = (decision: 'agreed' | 'declined' | 'ended') =>
    decide.mutate({ restrictionId: r.id, decision }, { onSuccess: () => notifySuccess(t('restrictions.decided')) });
  const recipients = [...r.recipientRoles.map((role) => t(`role.${role}`)), ...r.recipientUsers.map((u) => u.displayName)];
  return (
    <Paper withBorder p="sm" component="li">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Badge variant="dot" color={STATUS_COLORS[r.status]} tt="none" c="dark.9">
              {t(`restrictions.status.${r.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('restrictions.requestedAt', { date: format.dateTime(r.requestedAt) })}
            </Text>
          </Group>
          <Text size="sm" mt={4}>
            {t('restrictions.summary', {
              classes: r.dataClasses.map((c) => t(`dataClass.${c}`)).join(', '),
              recipients: recipients.length > 0 ? recipients.join(', ') : t('restrictions.everyone'),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {r.request}
          </Text>
          {r.decidedAt ? (
            <Text size="xs" c="dimmed">
              {t('restrictions.decidedBy', { name: r.decidedByName ?? '', date: format.dateTime(r.decidedAt) })}
              {r.decisionNote ? ` — ${r.decisionNote}` : ''}
            </Text>
          ) : null}
        </div>
        {props.canDecide ? (
          <Group gap="xs">
            {r.status === 'requested' ? (
              <>
                <Button size="xs" onClick={() => act('agreed')} loading={decide.isPending}>
                  {t('restrictions.agree')}
                </Button>
                <Button size="xs" variant="default" onClick={() => act('declined')} loading={decide.isPending}>
                  {t('restrictions.decline')}
                </Button>
              </>
            ) : null}
            {r.status === 'agreed' ? (
              <Button size="xs" variant="default" onClick={() => act('ended')} loading={decide.isPending}>
                {t('restrictions.end')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={decide.error} />
    </Paper>
  );
}

/**
 * The participant's requests to restrict disclosures (agreed ones act as deny rules, §2.26) and the
 * Part 2 court orders recorded for them (subpart E), which allow disclosure for use in proceedings.
 */
export function RestrictionsTab(props: { participant: Participant; canDecide: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dialog, setDialog] = useState<'restriction' | 'order' | null>(null);
  // Requests stay with the treatment program; others on the case may record one, not read them.
  const restrictions = useQuery({ ...restrictionsQueryOptions(props.participant.id), enabled: props.canDecide });
  const orders = useQuery(courtOrdersQueryOptions(props.participant.id));
  const close = () => setDialog(null);
  return (
    <Stack gap="lg">
      <section aria-labelledby="restrictions-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="restrictions-heading">
            {t('restrictions.title')}
          </Title>
          <Button size="sm" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog('restriction')}>
            {t('restrictions.new')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          {t('restrictions.intro')}
        </Text>
        {!props.canDecide ? <Text size="sm">{t('restrictions.keptByProgram')}</Text> : null}
        {props.canDecide && restrictions.isPending ? <LoadingState /> : null}
        <ErrorAlert error={restrictions.error} />
        {restrictions.data?.length === 0 ? <Text c="dimmed">{t('restrictions.empty')}</Text> : null}
        <Stack gap="xs" component="ul" p={0} style={{ listStyle: 'none' }}>
          {restrictions.data?.map((r) => (
            <RestrictionItem key={r.id} restriction={r} participantId={props.participant.id} canDecide={props.canDecide} />
          ))}
        </Stack>
      </section>
      <section aria-labelledby="orders-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="orders-heading">
            {t('courtOrders.title')}
          </Title>
          <Button
            size="sm"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setDialog('order')}
          >
            {t('courtOrders.new')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          {t('courtOrders.intro')}
        </Text>
        <ErrorAlert error={orders.error} />
        {orders.data?.length === 0 ? <Text c="dimmed">{t('courtOrders.empty')}</Text> : null}
        <List spacing="xs">
          {orders.data?.map((o) => (
            <List.Item key={o.id}>
              <Text size="sm" fw={600}>
                {t('courtOrders.item', {
                  court: o.issuingCourt,
                  reference: o.reference,
                  date: format.day(o.issuedAt),
                })}
              </Text>
              <Text size="sm">{o.scope}</Text>
              <Text size="xs" c="dimmed">
                {t('courtOrders.covers', { classes: o.dataClasses.map((c) => t(`dataClass.${c}`)).join(', ') })}
                {o.expiresAt ? ` · ${t('courtOrders.until', { date: format.day(o.expiresAt) })}` : ''}
              </Text>
            </List.Item>
          ))}
        </List>
      </section>
      <AppModal opened={dialog === 'restriction'} onClose={close} title={t('restrictions.newTitle')}>
        <RestrictionForm participant={props.participant} onDone={close} />
      </AppModal>
      <AppModal opened={dialog === 'order'} onClose={close} title={t('courtOrders.newTitle')}>
        <CourtOrderForm participant={props.participant} onDone={close} />
      </AppModal>
    </Stack>
  );
}
