import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySuccess } from '../../components/notify';
import { PasswordField } from '../../components/PasswordField';
import { applyServerErrors } from '../../components/server-errors';
import { meQueryOptions, useDisableMfa, useMe, useRegenerateRecoveryCodes } from '../auth/auth-api';
import { MfaEnrolment } from '../auth/MfaEnrolment';
import { RecoveryCodes } from '../auth/RecoveryCodes';

type Mode = 'idle' | 'enrolling' | 'disabling' | 'regenerating' | 'codes';

/** Turning two-step sign-in on (authenticator enrolment) or off, and new recovery codes; both ask for the password. */
export function TwoStepSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('idle');
  const disable = useDisableMfa();
  const regenerate = useRegenerateRecoveryCodes();
  const enabled = me.user.mfaEnabled;

  const status = (
    <Group gap="xs">
      <Text>{t('account.mfaStatus')}</Text>
      <Badge variant="dot" color={enabled ? 'teal' : 'gray'} c="dark.9" tt="none" data-testid="mfa-status">
        {enabled ? t('common.on') : t('common.off')}
      </Badge>
    </Group>
  );

  if (mode === 'enrolling') {
    return (
      <Stack gap="sm">
        {status}
        <MfaEnrolment
          headingLevel={3}
          onCancel={() => setMode('idle')}
          onFinished={() => {
            setMode('idle');
            void queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
            notifySuccess(t('account.mfaEnabled'));
          }}
        />
      </Stack>
    );
  }
  if (mode === 'codes' && regenerate.data) {
    return <RecoveryCodes codes={regenerate.data.recoveryCodes} headingLevel={3} onDone={() => setMode('idle')} />;
  }
  return (
    <Stack gap="sm">
      {status}
      <Text size="sm" c="dimmed">
        {t('account.mfaExplain')}
      </Text>
      {!enabled ? (
        <Button onClick={() => setMode('enrolling')} w="fit-content">
          {t('account.turnOnMfa')}
        </Button>
      ) : mode === 'disabling' ? (
        <PasswordConfirm
          submitLabel={t('account.turnOffMfa')}
          danger
          pending={disable.isPending}
          error={disable.error}
          onCancel={() => setMode('idle')}
          onSubmit={(password, onError) =>
            disable.mutate(password, {
              onSuccess: () => {
                setMode('idle');
                notifySuccess(t('account.mfaDisabled'));
              },
              onError,
            })
          }
        />
      ) : mode === 'regenerating' ? (
        <PasswordConfirm
          submitLabel={t('account.newRecoveryCodes')}
          pending={regenerate.isPending}
          error={regenerate.error}
          onCancel={() => setMode('idle')}
          onSubmit={(password, onError) => regenerate.mutate(password, { onSuccess: () => setMode('codes'), onError })}
        />
      ) : (
        <Group>
          <Button variant="default" onClick={() => setMode('disabling')}>
            {t('account.turnOffMfa')}
          </Button>
          <Button variant="default" onClick={() => setMode('regenerating')}>
            {t('account.newRecoveryCodes')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Asks for the password before a sensitive change; the server's message shows at the field. */
function PasswordConfirm(props: {
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (password: string, onError: (error: unknown) => void) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('validation.required')) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => props.onSubmit(values.password, (error) => applyServerErrors(form, error)))}
    >
      <Stack gap="sm" maw={360}>
        <PasswordField
          label={t('account.confirmWithPassword')}
          description={t('account.confirmWithPasswordHint')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <ErrorAlert error={props.error} values={form.getValues()} />
        <Group>
          <Button type="submit" color={props.danger ? 'red.9' : undefined} loading={props.pending}>
            {props.submitLabel}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
