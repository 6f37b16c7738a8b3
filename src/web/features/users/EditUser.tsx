import { Alert, Button, Divider, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Locale, Organization, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { PasswordField } from '../../components/PasswordField';
import { applyServerErrors } from '../../components/server-errors';
import {
  type MembershipRow,
  MembershipsEditor,
  membershipsForApi,
  membershipValidation,
  newMembershipRow,
} from './MembershipsEditor';
import { useUpdateUser } from './users-api';

type Values = { displayName: string; locale: Locale; active: boolean; memberships: MembershipRow[] };

/** Changing a user: name, language, roles and status; and the account actions (unlock, resets). */
export function EditUser(props: { user: User; organizations: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const u = props.user;
  const update = useUpdateUser(u.id);
  const action = useUpdateUser(u.id);
  const form = useForm<Values>({
    initialValues: {
      displayName: u.displayName,
      locale: u.locale,
      active: u.status === 'active',
      memberships: u.memberships.map((m) => newMembershipRow(m.organizationId, m.role)),
    },
    validate: {
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      memberships: membershipValidation(t),
    },
  });
  const passwordForm = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value.length >= 12 ? null : t('validation.passwordLength')) },
  });
  const locked = u.lockedUntil !== null && new Date(u.lockedUntil) > new Date();

  const submit = form.onSubmit((v) =>
    update.mutate(
      {
        displayName: v.displayName.trim(),
        locale: v.locale,
        status: v.active ? 'active' : 'disabled',
        memberships: membershipsForApi(v.memberships),
      },
      {
        onSuccess: () => {
          notifySuccess(t('users.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  const run = (patch: Parameters<typeof action.mutate>[0], message: string, after?: () => void) =>
    action.mutate(patch, {
      onSuccess: () => {
        notifySuccess(message);
        after?.();
      },
    });

  return (
    <Stack gap="md">
      <Text size="sm">{u.email}</Text>
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('users.name')} required {...form.getInputProps('displayName')} />
            <Select
              label={t('users.language')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'es', label: 'Español' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('locale')}
            />
          </SimpleGrid>
          <MembershipsEditor form={form} organizations={props.organizations} />
          <Switch
            label={t('users.accountActive')}
            description={t('users.accountActiveHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <ErrorAlert error={update.error} values={form.getValues()} />
          <FormActions submitLabel={t('common.save')} pending={update.isPending} onCancel={props.onDone} />
        </Stack>
      </form>
      <Divider />
      <Title order={3} size="h4">
        {t('users.accountActions')}
      </Title>
      <ErrorAlert error={action.error} />
      <Group>
        {locked ? (
          <Button variant="default" onClick={() => run({ unlock: true }, t('users.unlocked'))} loading={action.isPending}>
            {t('users.unlock')}
          </Button>
        ) : (
          <Text size="sm">{t('users.notLocked')}</Text>
        )}
        {u.mfaEnabled ? (
          <Button variant="default" onClick={() => run({ resetMfa: true }, t('users.mfaReset'))} loading={action.isPending}>
            {t('users.resetMfa')}
          </Button>
        ) : (
          <Text size="sm">{t('users.mfaOff')}</Text>
        )}
      </Group>
      <form
        noValidate
        onSubmit={passwordForm.onSubmit((v) =>
          run({ password: v.password }, t('users.passwordReset'), () => passwordForm.reset()),
        )}
      >
        <Group align="flex-end">
          <PasswordField
            label={t('users.newPassword')}
            description={t('users.newPasswordHint')}
            autoComplete="new-password"
            w={{ base: '100%', sm: 320 }}
            {...passwordForm.getInputProps('password')}
          />
          <Button type="submit" variant="default" loading={action.isPending}>
            {t('users.setPassword')}
          </Button>
        </Group>
      </form>
      {u.status === 'disabled' ? (
        <Alert color="gray" variant="light">
          {t('users.disabledNote')}
        </Alert>
      ) : null}
    </Stack>
  );
}
