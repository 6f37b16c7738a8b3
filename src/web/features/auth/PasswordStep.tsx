import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { signIn } from './auth-api';

export function PasswordStep(props: { onSignedIn: (stage: Me['stage']) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('validation.required')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });
  const login = useMutation({ mutationFn: signIn, onSuccess: (response) => props.onSignedIn(response.stage) });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => login.mutate({ email: values.email.trim(), password: values.password }))}
    >
      <Stack gap="sm">
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          {...form.getInputProps('email')}
        />
        <PasswordField
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <ErrorAlert error={login.error} />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
