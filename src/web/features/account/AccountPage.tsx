import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/DetailList';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../auth/auth-api';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguagePreference } from './LanguagePreference';
import { TwoStepSection } from './TwoStepSection';

/** The person's own account: language, password and two-step sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="lg" maw={760}>
        <Paper withBorder p="md" component="section" aria-labelledby="account-profile-heading">
          <Title order={2} size="h3" id="account-profile-heading" mb="sm">
            {t('account.profileHeading')}
          </Title>
          <DetailList
            cols={2}
            items={[
              { label: t('account.name'), value: me.user.displayName },
              { label: t('account.email'), value: me.user.email },
              {
                label: t('account.memberships'),
                value: (
                  <Stack gap={0} component="span">
                    {me.memberships.map((m) => (
                      <Text component="span" key={`${m.organizationId}:${m.role}`}>
                        {t('users.membershipText', { role: t(`role.${m.role}`), organization: m.organizationName })}
                      </Text>
                    ))}
                  </Stack>
                ),
              },
            ]}
          />
          <LanguagePreference />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="account-password-heading">
          <Title order={2} size="h3" id="account-password-heading" mb="sm">
            {t('account.passwordHeading')}
          </Title>
          <ChangePasswordForm />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="account-mfa-heading">
          <Title order={2} size="h3" id="account-mfa-heading" mb="sm">
            {t('account.mfaHeading')}
          </Title>
          <TwoStepSection />
        </Paper>
      </Stack>
    </>
  );
}
