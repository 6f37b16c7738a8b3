import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Locale, Organization } from '../../api/types';
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
import { useCreateUser } from './users-api';

type Values = { email: string; displayName: string; locale: Locale; password: string; memberships: MembershipRow[] };

export function CreateUserForm(props: { organizations: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useForm<Values>({
    initialValues: { email: '', displayName: '', locale: 'en', password: '', memberships: [newMembershipRow()] },
    validate: {
      email: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t('validation.email')),
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      password: (value) => (value.length >= 12 ? null : t('validation.passwordLength')),
      memberships: membershipValidation(t),
    },
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        email: v.email.trim(),
        displayName: v.displayName.trim(),
        locale: v.locale,
        password: v.password,
        memberships: membershipsForApi(v.memberships),
      },
      {
        onSuccess: () => {
          notifySuccess(t('users.created'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('users.name')} required autoComplete="off" {...form.getInputProps('displayName')} />
          <TextInput label={t('users.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
          <Select
            label={t('users.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'es', label: 'Español' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
          <PasswordField
            label={t('users.initialPassword')}
            description={t('users.initialPasswordHint')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
        </SimpleGrid>
        <MembershipsEditor form={form} organizations={props.organizations} />
        <ErrorAlert error={create.error} values={form.getValues()} />
        <FormActions submitLabel={t('users.createSubmit')} pending={create.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
