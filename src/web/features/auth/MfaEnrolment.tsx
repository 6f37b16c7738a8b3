import { Button, CopyButton, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/server-errors';
import { confirmMfaEnrolment, startMfaEnrolment } from './auth-api';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';

/**
 * Setting up an authenticator: start (the server makes a secret), scan the QR code or type the
 * setup key, confirm with a code, then keep the recovery codes. Used at sign-in and on the account page.
 */
export function MfaEnrolment(props: { onFinished: () => void; onCancel?: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const start = useMutation({ mutationFn: startMfaEnrolment });
  const confirm = useMutation({ mutationFn: confirmMfaEnrolment });
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.trim()) ? null : t('mfa.codeSixDigits')) },
  });

  if (confirm.data) {
    return <RecoveryCodes codes={confirm.data.recoveryCodes} onDone={props.onFinished} headingLevel={props.headingLevel} />;
  }
  if (!start.data) {
    return (
      <Stack gap="sm">
        <Text>{t('mfa.enrolIntro')}</Text>
        <ErrorAlert error={start.error} />
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('mfa.startSetup')}
          </Button>
          {props.onCancel ? (
            <Button variant="default" onClick={props.onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }
  const { secret, otpauthUri } = start.data;
  return (
    <Stack gap="sm">
      <List type="ordered" spacing="xs">
        <List.Item>{t('mfa.stepInstall')}</List.Item>
        <List.Item>{t('mfa.stepScan')}</List.Item>
        <List.Item>{t('mfa.stepConfirm')}</List.Item>
      </List>
      <QrCode value={otpauthUri} label={t('mfa.qrLabel')} />
      <TextInput
        label={t('mfa.setupKey')}
        description={t('mfa.setupKeyHint')}
        value={secret}
        readOnly
        maw={420}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
        rightSectionWidth={90}
        rightSection={
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="compact-xs"
                variant="default"
                onClick={copy}
                leftSection={copied ? <IconCheck size={12} aria-hidden="true" /> : <IconCopy size={12} aria-hidden="true" />}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        }
      />
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          confirm.mutate(values.code.trim(), { onError: (error) => applyServerErrors(form, error) }),
        )}
      >
        <Stack gap="sm" maw={320}>
          <TextInput
            label={t('mfa.codeLabel')}
            description={t('mfa.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            {...form.getInputProps('code')}
          />
          <ErrorAlert error={confirm.error} values={form.getValues()} />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t('mfa.confirm')}
            </Button>
            {props.onCancel ? (
              <Button variant="default" onClick={props.onCancel}>
                {t('common.cancel')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
