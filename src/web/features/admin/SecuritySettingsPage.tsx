import { Button, Checkbox, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api/enums';
import type { Role, SecuritySettings } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/server-errors';
import { securitySettingsQueryOptions, useUpdateSecuritySettings } from './admin-api';

/** Who must use two-step sign-in, how long sessions last, and when repeated failures lock an account. */
export function SecuritySettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery(securitySettingsQueryOptions());
  return (
    <>
      <PageHeader title={t('security.title')} />
      <ErrorAlert error={settings.error} />
      {settings.isPending ? <LoadingState /> : null}
      {settings.data ? <SecuritySettingsForm settings={settings.data} /> : null}
    </>
  );
}

function SecuritySettingsForm(props: { settings: SecuritySettings }) {
  const { t } = useTranslation();
  const update = useUpdateSecuritySettings();
  const form = useForm<SecuritySettings>({
    initialValues: props.settings,
    validate: {
      sessionIdleMinutes: (value) => (value >= 1 && value <= 30 ? null : t('validation.between', { min: 1, max: 30 })),
      sessionMaxHours: (value) => (value >= 1 && value <= 24 ? null : t('validation.between', { min: 1, max: 24 })),
      lockoutThreshold: (value) => (value >= 3 && value <= 20 ? null : t('validation.between', { min: 3, max: 20 })),
      lockoutMinutes: (value) => (value >= 1 && value <= 1440 ? null : t('validation.between', { min: 1, max: 1440 })),
    },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(values, {
      onSuccess: (saved) => {
        form.setValues(saved);
        form.resetDirty(saved);
        notifySuccess(t('security.saved'));
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="lg" maw={760}>
        <Paper withBorder p="md" component="section" aria-labelledby="mfa-roles-heading">
          <Title order={2} size="h3" id="mfa-roles-heading" mb="xs">
            {t('security.mfaHeading')}
          </Title>
          <Checkbox.Group
            label={t('security.mfaRoles')}
            description={t('security.mfaRolesHint')}
            {...form.getInputProps('mfaRequiredRoles')}
            onChange={(value) => form.setFieldValue('mfaRequiredRoles', value as Role[])}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`role.${role}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="sessions-heading">
          <Title order={2} size="h3" id="sessions-heading" mb="xs">
            {t('security.sessionsHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('security.idleMinutes')}
              description={t('security.idleMinutesHint')}
              min={1}
              max={30}
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('sessionIdleMinutes')}
            />
            <NumberInput
              label={t('security.maxHours')}
              description={t('security.maxHoursHint')}
              min={1}
              max={24}
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('sessionMaxHours')}
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="lockout-heading">
          <Title order={2} size="h3" id="lockout-heading" mb="xs">
            {t('security.lockoutHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('security.lockoutThreshold')}
              description={t('security.lockoutThresholdHint')}
              min={3}
              max={20}
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('lockoutThreshold')}
            />
            <NumberInput
              label={t('security.lockoutMinutes')}
              description={t('security.lockoutMinutesHint')}
              min={1}
              max={1440}
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('lockoutMinutes')}
            />
          </SimpleGrid>
        </Paper>
        <Text size="sm" c="dimmed">
          {t('security.appliesNote')}
        </Text>
        <ErrorAlert error={update.error} values={form.getValues()} />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('security.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
