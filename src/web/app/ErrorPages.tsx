import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';
import { AnchorLink } from '../components/links';
import { usePageTitle } from '../components/PageHeader';

/** "Not found" inside the app's layout (which already has the main landmark). */
export function NotFoundContent() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('errors.notFoundTitle')}</Title>
        <Text>{t('errors.notFoundBody')}</Text>
        <AnchorLink to="/">{t('errors.goHome')}</AnchorLink>
      </Stack>
    </Container>
  );
}

/** "Not found" outside the app's layout. */
export function RootNotFound() {
  return (
    <main>
      <NotFoundContent />
    </main>
  );
}

/** A page that failed to load (inside the app's layout). */
export function RouteErrorContent(props: { error: unknown }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.pageErrorTitle'));
  const message = isApiError(props.error) ? props.error.message : t('errors.unexpected');
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('errors.pageErrorTitle')}</Title>
        <Text role="alert">{message}</Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('common.reload')}
        </Button>
      </Stack>
    </Container>
  );
}

export function RootRouteError(props: { error: unknown }) {
  return (
    <main>
      <RouteErrorContent error={props.error} />
    </main>
  );
}
