import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsentState } from '../../api/types';

const COLORS: Record<ConsentState, MantineColor> = {
  draft: 'gray',
  active: 'teal',
  revocation_requested: 'orange',
  revoked: 'red',
  expired: 'dark',
};

/** Where a consent stands, in words (the dot's color is a second cue, never the only one). */
export function ConsentStateBadge(props: { state: ConsentState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={COLORS[props.state]} tt="none" size="md" fw={600} c="dark.9">
      {t(`consentState.${props.state}`)}
    </Badge>
  );
}
