import { Alert, Button, Checkbox, CopyButton, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TOKEN_SCOPES } from '../../api/enums';
import type { ApiTokenCreate, Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { useCreateApiToken } from './admin-api';

type Scope = (typeof TOKEN_SCOPES)[number];

/** Creating a token, then showing its secret once in a field the admin can copy. */
export function CreateTokenForm(props: { organizations: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const form = useForm({
    initialValues: { name: '', organizationId: '', scopes: [] as Scope[], expiresOn: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      organizationId: (value) => (value ? null : t('validation.chooseOne')),
      scopes: (value) => (value.length > 0 ? null : t('validation.chooseAtLeastOne')),
    },
  });
  if (create.data) {
    const secret = create.data.secret;
    return (
      <Stack gap="sm">
        <Alert color="yellow" variant="light">
          {t('tokens.secretOnce')}
        </Alert>
        <TextInput
          label={t('tokens.secret')}
          value={secret}
          readOnly
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group justify="flex-end">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />}
              >
                {copied ? t('common.copied') : t('tokens.copySecret')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={props.onDone}>{t('common.done')}</Button>
        </Group>
      </Stack>
    );
  }
  const submit = form.onSubmit((values) => {
    const body: ApiTokenCreate = { name: values.name.trim(), organizationId: values.organizationId, scopes: values.scopes };
    if (values.expiresOn) body.expiresAt = new Date(`${values.expiresOn}T23:59:59`).toISOString();
    create.mutate(body, { onError: (error) => applyServerErrors(form, error) });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('tokens.name')} description={t('tokens.nameHint')} required {...form.getInputProps('name')} />
        <Select
          label={t('tokens.organization')}
          description={t('tokens.organizationHint')}
          data={props.organizations.filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }))}
          searchable
          required
          allowDeselect={false}
          {...form.getInputProps('organizationId')}
        />
        <Checkbox.Group
          label={t('tokens.scopes')}
          description={t('tokens.scopesHint')}
          required
          {...form.getInputProps('scopes')}
        >
          <Stack gap="xs" mt="xs">
            {TOKEN_SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={t(`scope.${scope}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          label={t('tokens.expiresOn')}
          description={t('tokens.expiresOnHint')}
          type="date"
          min={todayLocal()}
          {...form.getInputProps('expiresOn')}
        />
        <ErrorAlert error={create.error} values={form.getValues()} />
        <FormActions submitLabel={t('tokens.createSubmit')} pending={create.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
