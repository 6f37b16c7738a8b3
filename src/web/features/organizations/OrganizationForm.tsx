import { Checkbox, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../api/enums';
import type { Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { useCreateOrganization, useUpdateOrganization } from './organizations-api';
import { timeZoneOptions } from './time-zones';

type Kind = Organization['kind'];
type Values = { name: string; kind: Kind | ''; part2Program: boolean; timeZone: string; partnerIds: string[]; active: boolean };

export function OrganizationForm(props: { organization?: Organization; all: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const editing = props.organization;
  const create = useCreateOrganization();
  const update = useUpdateOrganization(editing?.id ?? '');
  const mutation = editing ? update : create;
  const form = useForm<Values>({
    initialValues: {
      name: editing?.name ?? '',
      kind: editing?.kind ?? '',
      part2Program: editing?.part2Program ?? false,
      timeZone: editing?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'America/New_York',
      partnerIds: editing?.partnerIds ?? [],
      active: editing?.active ?? true,
    },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : t('validation.minLength', { count: 2 })),
      kind: (value) => (value ? null : t('validation.chooseOne')),
      timeZone: (value) => (value ? null : t('validation.chooseOne')),
    },
  });
  const values = form.getValues();
  const partnerOptions = props.all
    .filter((o) => o.kind !== 'court' && o.id !== editing?.id)
    .map((o) => ({ value: o.id, label: `${o.name} (${t(`orgKind.${o.kind}`)})` }));
  const onSuccess = () => {
    notifySuccess(t('organizations.saved'));
    props.onDone();
  };
  const submit = form.onSubmit((v) => {
    if (!v.kind) return;
    const partnerIds = v.kind === 'court' ? v.partnerIds : undefined;
    if (editing) {
      update.mutate(
        {
          name: v.name.trim(),
          part2Program: v.part2Program,
          timeZone: v.timeZone,
          active: v.active,
          ...(partnerIds ? { partnerIds } : {}),
        },
        { onSuccess, onError: (error) => applyServerErrors(form, error) },
      );
    } else {
      create.mutate(
        { name: v.name.trim(), kind: v.kind, part2Program: v.part2Program, timeZone: v.timeZone, partnerIds: partnerIds ?? [] },
        { onSuccess, onError: (error) => applyServerErrors(form, error) },
      );
    }
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('organizations.name')} required {...form.getInputProps('name')} />
        {editing ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('organizations.kind')}:
            </Text>{' '}
            {t(`orgKind.${editing.kind}`)}
          </Text>
        ) : (
          <Select
            label={t('organizations.kind')}
            data={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('kind')}
            onChange={(value) => {
              form.setFieldValue('kind', (value ?? '') as Kind | '');
              form.setFieldValue('part2Program', value === 'treatment_provider');
            }}
          />
        )}
        <Checkbox
          label={t('organizations.part2Label')}
          description={t('organizations.part2Hint')}
          {...form.getInputProps('part2Program', { type: 'checkbox' })}
        />
        <Select
          label={t('organizations.timeZone')}
          description={t('organizations.timeZoneHint')}
          data={timeZoneOptions(values.timeZone)}
          searchable
          required
          allowDeselect={false}
          limit={50}
          {...form.getInputProps('timeZone')}
        />
        {values.kind === 'court' ? (
          <MultiSelect
            label={t('organizations.partners')}
            description={t('organizations.partnersHint')}
            data={partnerOptions}
            searchable
            {...form.getInputProps('partnerIds')}
          />
        ) : null}
        {editing ? (
          <Switch label={t('organizations.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        ) : null}
        <ErrorAlert error={mutation.error} values={values} />
        <FormActions
          submitLabel={editing ? t('common.save') : t('organizations.createSubmit')}
          pending={mutation.isPending}
          onCancel={props.onDone}
        />
      </Stack>
    </form>
  );
}
