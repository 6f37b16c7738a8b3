import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconClipboardList,
  IconFirstAidKit,
  IconFlask,
  IconHistory,
  IconInbox,
  IconKey,
  IconLayoutList,
  IconShieldLock,
  IconSitemap,
  IconUserPlus,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { canEnroll, canManagePrograms, courtsFor } from '../features/auth/capabilities';

type Item = { to: string; label: string; icon: ReactNode; active: (pathname: string) => boolean };

function NavItem(props: { item: Item; pathname: string }) {
  const active = props.item.active(props.pathname);
  return (
    <NavLink
      label={props.item.label}
      leftSection={props.item.icon}
      active={active}
      aria-current={active ? 'page' : undefined}
      renderRoot={(rootProps) => <Link to={props.item.to} {...rootProps} />}
    />
  );
}

const starts = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
const icon = (Icon: typeof IconUsers) => <Icon size={18} stroke={1.6} aria-hidden="true" />;

/** The sections a person may use, from the capabilities the server reported. */
export function MainNavigation(props: { me: Me }) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { capabilities } = props.me;
  const work: Item[] = [];
  if (capabilities.seesParticipants) {
    work.push({
      to: '/caseload',
      label: t('nav.caseload'),
      icon: icon(IconClipboardList),
      active: (p) => starts('/caseload')(p) || (p.startsWith('/participants/') && p !== '/participants/new'),
    });
  }
  if (canEnroll(props.me)) {
    work.push({
      to: '/participants/new',
      label: t('nav.newParticipant'),
      icon: icon(IconUserPlus),
      active: starts('/participants/new'),
    });
  }
  if (courtsFor(props.me, 'testing.monitor').length > 0) {
    work.push({ to: '/testing', label: t('nav.testing'), icon: icon(IconFlask), active: starts('/testing') });
  }
  if (capabilities.labReview) {
    work.push({ to: '/lab-review', label: t('nav.labReview'), icon: icon(IconInbox), active: starts('/lab-review') });
  }
  if (canManagePrograms(props.me)) {
    work.push({ to: '/programs', label: t('nav.programs'), icon: icon(IconLayoutList), active: starts('/programs') });
  }
  if (capabilities.reviewsBreakGlass) {
    work.push({
      to: '/privacy/emergency-access',
      label: t('nav.emergencyAccess'),
      icon: icon(IconFirstAidKit),
      active: starts('/privacy/emergency-access'),
    });
  }
  const admin: Item[] = capabilities.admin
    ? [
        {
          to: '/admin/organizations',
          label: t('nav.organizations'),
          icon: icon(IconSitemap),
          active: starts('/admin/organizations'),
        },
        { to: '/admin/users', label: t('nav.users'), icon: icon(IconUsersGroup), active: starts('/admin/users') },
        { to: '/admin/security', label: t('nav.security'), icon: icon(IconShieldLock), active: starts('/admin/security') },
        { to: '/admin/api-tokens', label: t('nav.apiTokens'), icon: icon(IconKey), active: starts('/admin/api-tokens') },
        { to: '/admin/audit', label: t('nav.audit'), icon: icon(IconHistory), active: starts('/admin/audit') },
      ]
    : [];
  return (
    <Stack gap={4}>
      {work.map((item) => (
        <NavItem key={item.to} item={item} pathname={pathname} />
      ))}
      {work.length === 0 && admin.length === 0 ? (
        <NavItem item={{ to: '/', label: t('nav.home'), icon: icon(IconUsers), active: (p) => p === '/' }} pathname={pathname} />
      ) : null}
      {admin.length > 0 ? (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm" id="nav-admin-heading">
            {t('nav.admin')}
          </Text>
          <Stack gap={4} role="group" aria-labelledby="nav-admin-heading">
            {admin.map((item) => (
              <NavItem key={item.to} item={item} pathname={pathname} />
            ))}
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}
