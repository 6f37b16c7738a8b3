import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { signOut } from '../features/auth/auth-api';

export function UserMenu(props: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      await navigate({ to: '/sign-in', search: { signedOut: true } });
      queryClient.removeQueries();
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          leftSection={<IconUserCircle size={18} aria-hidden="true" />}
          rightSection={<IconChevronDown size={14} aria-hidden="true" />}
        >
          <VisuallyHidden>{t('nav.userMenu')}: </VisuallyHidden>
          {/* On phones only the icon shows; the name is still announced. */}
          <Text span visibleFrom="sm" fw={600} size="sm">
            {props.me.user.displayName}
          </Text>
          <VisuallyHidden hiddenFrom="sm">{props.me.user.displayName}</VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUserCircle size={16} aria-hidden="true" />}
          renderRoot={(rootProps) => <Link to="/account" {...rootProps} />}
        >
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => void onSignOut()}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
