import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePageTitle } from '../../components/PageHeader';
import { currentLanguage, markLanguageChosenBeforeSignIn, takeLanguageChosenBeforeSignIn } from '../../i18n/i18n';
import { meQueryOptions, saveLocale, signOut } from './auth-api';
import { MfaEnrolment } from './MfaEnrolment';
import { PasswordStep } from './PasswordStep';
import { SecondFactorStep } from './SecondFactorStep';

type Step = 'password' | 'mfa' | 'enrol';
const route = getRouteApi('/sign-in');

/**
 * Sign-in: email and password, then the second step the server asks for (a code, or setting up an
 * authenticator first). A session already half-way (a reload during the second step) resumes there.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('password');
  const titles: Record<Step, string> = { password: t('signIn.title'), mfa: t('mfa.verifyTitle'), enrol: t('mfa.enrolTitle') };
  usePageTitle(titles[step]);

  // Is there a session already? Asked fresh each time this page opens, never from the cache.
  const probe = useQuery({
    queryKey: ['sign-in-probe'],
    queryFn: () => api.get<Me>('/v1/me', { reportUnauthorized: false }),
    retry: false,
    gcTime: 0,
    staleTime: 0,
  });

  const finish = async () => {
    const me = await queryClient.fetchQuery({ ...meQueryOptions, staleTime: 0 });
    const language = currentLanguage();
    if (takeLanguageChosenBeforeSignIn() && me.user.locale !== language) {
      await saveLocale(language).catch(() => undefined);
      queryClient.setQueryData(meQueryOptions.queryKey, { ...me, user: { ...me.user, locale: language } });
    }
    await navigate({ href: search.redirect ?? '/', replace: true });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the probe's answer only
  useEffect(() => {
    const me = probe.data;
    if (!me) return;
    setCsrfToken(me.csrfToken);
    if (me.stage === 'active') void finish();
    else setStep(me.stage === 'mfa_required' ? 'mfa' : 'enrol');
  }, [probe.data]);

  const onSignedIn = (stage: Me['stage']) => {
    if (stage === 'active') void finish();
    else setStep(stage === 'mfa_required' ? 'mfa' : 'enrol');
  };

  const startOver = async () => {
    await signOut().catch(() => undefined);
    setStep('password');
  };

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" py="xs" px="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between">
          <Text fw={800} size="xl" c="blue.9">
            {t('common.appName')}
          </Text>
          <LanguageSwitch onChange={markLanguageChosenBeforeSignIn} />
        </Group>
      </Box>
      <Container size={440} py={48} component="main" id="main-content">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {titles[step]}
              </Title>
              {step === 'password' ? (
                <Text c="dimmed" size="sm" mt={4}>
                  {t('signIn.intro')}
                </Text>
              ) : null}
            </div>
            {step === 'password' && search.expired ? (
              <Alert color="blue" variant="light" role="status">
                {t('signIn.sessionExpired')}
              </Alert>
            ) : null}
            {step === 'password' && search.signedOut ? (
              <Alert color="teal" variant="light" role="status">
                {t('signIn.signedOut')}
              </Alert>
            ) : null}
            {step === 'password' ? <PasswordStep onSignedIn={onSignedIn} /> : null}
            {step === 'mfa' ? <SecondFactorStep onVerified={() => void finish()} onCancel={() => void startOver()} /> : null}
            {step === 'enrol' ? (
              <>
                <Text>{t('mfa.requiredByRole')}</Text>
                <MfaEnrolment onFinished={() => void finish()} onCancel={() => void startOver()} />
              </>
            ) : null}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
