import { Alert, List, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../auth/auth-api';

/**
 * Home for people who see no participants: administrators manage the deployment and evaluators
 * see de-identified figures, so neither has a caseload. The page says so instead of showing an empty list.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const isEvaluator = me.roles.includes('evaluator');
  const body = me.capabilities.admin
    ? t('home.adminBody')
    : isEvaluator
      ? t('home.evaluatorBody')
      : me.capabilities.reviewsBreakGlass
        ? t('home.privacyOfficerBody')
        : t('home.noTeamBody');
  return (
    <>
      <PageHeader title={t('home.title', { name: me.user.displayName })} />
      <Stack gap="md" maw={720}>
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden="true" />} title={t('home.noCaseloadTitle')}>
          {body}
        </Alert>
        {me.capabilities.admin ? (
          <div>
            <Text fw={600} mb="xs">
              {t('home.adminLinks')}
            </Text>
            <List spacing="xs">
              <List.Item>
                <AnchorLink to="/admin/organizations">{t('nav.organizations')}</AnchorLink>
              </List.Item>
              <List.Item>
                <AnchorLink to="/admin/users">{t('nav.users')}</AnchorLink>
              </List.Item>
              <List.Item>
                <AnchorLink to="/admin/security">{t('nav.security')}</AnchorLink>
              </List.Item>
              <List.Item>
                <AnchorLink to="/admin/api-tokens">{t('nav.apiTokens')}</AnchorLink>
              </List.Item>
              <List.Item>
                <AnchorLink to="/admin/audit">{t('nav.audit')}</AnchorLink>
              </List.Item>
            </List>
          </div>
        ) : null}
        {me.capabilities.reviewsBreakGlass ? (
          <Text>
            <AnchorLink to="/privacy/emergency-access">{t('nav.emergencyAccess')}</AnchorLink>
          </Text>
        ) : null}
        <Text>
          <AnchorLink to="/account">{t('home.accountLink')}</AnchorLink>
        </Text>
      </Stack>
    </>
  );
}
