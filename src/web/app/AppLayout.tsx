import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { meQueryOptions, saveLocale, useMe } from '../features/auth/auth-api';
import { i18n, type Language, rememberLanguage } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNavigation } from './MainNavigation';
import { UserMenu } from './UserMenu';

/** The account's saved language applies when it loads or changes. */
function useAccountLanguage(locale: string) {
  useEffect(() => {
    if (locale !== i18n.language && (locale === 'en' || locale === 'es')) {
      void i18n.changeLanguage(locale);
      rememberLanguage(locale);
    }
  }, [locale]);
}

/** After moving to another page, focus goes to the page's content so screen readers start there. */
function useFocusMainOnNavigation(main: React.RefObject<HTMLElement | null>) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [pathname, main]);
  return pathname;
}

export function AppLayout() {
  const me = useMe();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const main = useRef<HTMLElement>(null);
  // Below the "sm" breakpoint the navigation slides away; hidden, its links must not take focus.
  const narrow = useMediaQuery('(max-width: 47.99em)');
  useAccountLanguage(me.user.locale);
  const pathname = useFocusMainOnNavigation(main);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu whenever the page changes
  useEffect(() => close(), [pathname]);

  const onLanguageChange = (language: Language) => {
    queryClient.setQueryData(meQueryOptions.queryKey, (old: Me | undefined) =>
      old ? { ...old, user: { ...old.user, locale: language } } : old,
    );
    void saveLocale(language).catch(() => undefined);
  };

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.openNavigation')}
                aria-expanded={opened}
                aria-controls="app-navigation"
              />
              <Text component={Link} to="/" fw={800} size="xl" c="blue.9" style={{ textDecoration: 'none' }}>
                {t('common.appName')}
              </Text>
            </Group>
            <Group gap={4} wrap="nowrap">
              <LanguageSwitch onChange={onLanguageChange} />
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="app-navigation" aria-label={t('nav.mainLabel')} inert={narrow && !opened}>
          <MainNavigation me={me} />
        </AppShell.Navbar>
        <AppShell.Main id="main-content" ref={main} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
