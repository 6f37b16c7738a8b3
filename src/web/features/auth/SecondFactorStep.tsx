import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { verifySecondFactor } from './auth-api';

/** The second sign-in step: a code from the authenticator app or one recovery code. */
export function SecondFactorStep(props: { onVerified: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (value.trim().length >= 6 ? null : t('mfa.codeTooShort')) },
  });
  const verify = useMutation({ mutationFn: verifySecondFactor, onSuccess: () => props.onVerified() });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => verify.mutate(values.code.trim()))}>
      <Stack gap="sm">
        <TextInput
          label={t('mfa.verifyCodeLabel')}
          description={t('mfa.verifyCodeHint')}
          autoComplete="one-time-code"
          autoFocus
          required
          {...form.getInputProps('code')}
        />
        <ErrorAlert error={verify.error} />
        <Group>
          <Button type="submit" loading={verify.isPending}>
            {t('mfa.verify')}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            {t('mfa.useAnotherAccount')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
