import {
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_KINDS, DATA_CLASSES, PURPOSES, TEAM_ROLES } from '../../api/enums';
import type { ConsentTemplate, ConsentTemplateInput, DataClass, Program, Purpose, TeamRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { programTeamCandidatesQueryOptions } from '../participants/participants-api';
import { templatesQueryOptions, useSaveTemplate } from './consent-api';

type Values = {
  name: string;
  kind: ConsentTemplateInput['kind'];
  disclosingOrgIds: string[];
  recipientRoles: TeamRole[];
  allowedClasses: DataClass[];
  excludedClasses: DataClass[];
  purposes: Purpose[];
  descriptionEn: string;
  descriptionEs: string;
  durationMonths: number | string;
  expiryEvent: string;
  revocableAfterEvent: string;
  active: boolean;
};

const EMPTY: Values = {
  name: '',
  kind: 'criminal_justice',
  disclosingOrgIds: [],
  recipientRoles: [],
  allowedClasses: [],
  excludedClasses: [],
  purposes: [],
  descriptionEn: '',
  descriptionEs: '',
  durationMonths: 12,
  expiryEvent: '',
  revocableAfterEvent: '',
  active: true,
};

function TemplateForm(props: { program: Program; template?: ConsentTemplate; onDone: () => void }) {
  const { t } = useTranslation();
  const tpl = props.template;
  const form = useForm<Values>({
    initialValues: tpl
      ? {
          ...tpl,
          durationMonths: tpl.durationMonths ?? '',
          expiryEvent: tpl.expiryEvent ?? '',
          revocableAfterEvent: tpl.revocableAfterEvent ?? '',
        }
      : EMPTY,
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : t('validation.required')),
      disclosingOrgIds: (value) => (value.length > 0 ? null : t('validation.chooseAtLeastOne')),
      allowedClasses: (value) => (value.length > 0 ? null : t('validation.chooseAtLeastOne')),
      purposes: (value) => (value.length > 0 ? null : t('validation.chooseAtLeastOne')),
      descriptionEn: (value) => (value.trim().length >= 10 ? null : t('validation.minLength', { count: 10 })),
      descriptionEs: (value) => (value.trim().length >= 10 ? null : t('validation.minLength', { count: 10 })),
    },
  });
  const candidates = useQuery(programTeamCandidatesQueryOptions(props.program.id));
  const orgs = new Map((candidates.data ?? []).map((c) => [c.organizationId, c.organizationName]));
  const save = useSaveTemplate(props.program.id);
  const classOptions = DATA_CLASSES.map((c) => ({ value: c, label: t(`dataClass.${c}`) }));
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        id: tpl?.id,
        template: {
          ...v,
          name: v.name.trim(),
          descriptionEn: v.descriptionEn.trim(),
          descriptionEs: v.descriptionEs.trim(),
          durationMonths: v.durationMonths === '' ? null : Number(v.durationMonths),
          expiryEvent: v.expiryEvent.trim() || null,
          revocableAfterEvent: v.revocableAfterEvent.trim() || null,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('templates.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('templates.name')} required {...form.getInputProps('name')} />
        <Select
          label={t('consent.form.kind')}
          data={CONSENT_KINDS.map((k) => ({ value: k, label: t(`consentKind.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <MultiSelect
          label={t('consent.form.disclosingOrgs')}
          data={[...orgs].map(([id, name]) => ({ value: id, label: name }))}
          required
          {...form.getInputProps('disclosingOrgIds')}
        />
        <MultiSelect
          label={t('consent.form.recipientRoles')}
          data={TEAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          {...form.getInputProps('recipientRoles')}
        />
        <MultiSelect label={t('consent.form.allowed')} data={classOptions} required {...form.getInputProps('allowedClasses')} />
        <MultiSelect label={t('consent.form.excluded')} data={classOptions} {...form.getInputProps('excludedClasses')} />
        <MultiSelect
          label={t('consent.form.purposes')}
          data={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          required
          {...form.getInputProps('purposes')}
        />
        <Textarea
          label={t('templates.descriptionEn')}
          required
          autosize
          minRows={2}
          maxLength={4000}
          lang="en"
          {...form.getInputProps('descriptionEn')}
        />
        <Textarea
          label={t('templates.descriptionEs')}
          required
          autosize
          minRows={2}
          maxLength={4000}
          lang="es"
          {...form.getInputProps('descriptionEs')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('templates.durationMonths')}
            description={t('templates.durationHint')}
            min={1}
            max={60}
            {...form.getInputProps('durationMonths')}
          />
          <TextInput label={t('consent.form.expiryEvent')} {...form.getInputProps('expiryEvent')} />
        </SimpleGrid>
        <TextInput
          label={t('consent.form.revocableAfterEvent')}
          description={t('consent.form.revocableAfterEventHint')}
          {...form.getInputProps('revocableAfterEvent')}
        />
        <Switch label={t('templates.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <ErrorAlert error={save.error} values={form.getValues()} />
        <FormActions submitLabel={t('templates.save')} pending={save.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}

/**
 * A program's standard consents: the scope the court and the treatment program agreed on, from
 * which staff start each participant's consent instead of building it by hand.
 */
export function ConsentTemplates(props: { program: Program; onDone: () => void }) {
  const { t } = useTranslation();
  const templates = useQuery(templatesQueryOptions(props.program.id));
  const [editing, setEditing] = useState<ConsentTemplate | 'new' | null>(null);
  if (editing)
    return (
      <TemplateForm program={props.program} template={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
    );
  return (
    <Stack gap="sm">
      <Text size="sm">{t('templates.intro')}</Text>
      {templates.isPending ? <LoadingState /> : null}
      <ErrorAlert error={templates.error} />
      {templates.data?.length === 0 ? <Text c="dimmed">{t('templates.empty')}</Text> : null}
      {templates.data?.map((tpl) => (
        <Paper key={tpl.id} withBorder p="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Group gap="xs">
                <Text fw={600}>{tpl.name}</Text>
                {tpl.active ? null : (
                  <Badge variant="outline" color="dark" tt="none">
                    {t('templates.inactive')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t(`consentKind.${tpl.kind}`)} · {tpl.allowedClasses.map((c) => t(`dataClass.${c}`)).join(', ')}
              </Text>
            </div>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden="true" />}
              onClick={() => setEditing(tpl)}
              aria-label={t('templates.editNamed', { name: tpl.name })}
            >
              {t('common.edit')}
            </Button>
          </Group>
        </Paper>
      ))}
      <Group justify="space-between">
        <Button variant="default" onClick={props.onDone}>
          {t('common.close')}
        </Button>
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('templates.add')}
        </Button>
      </Group>
    </Stack>
  );
}
