import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrollmentStatus } from '../api/types';

const COLORS: Record<EnrollmentStatus, MantineColor> = {
  referred: 'gray',
  screening: 'cyan',
  active: 'blue',
  absconded: 'orange',
  graduated: 'teal',
  neutral_discharge: 'gray',
  terminated: 'red',
  deceased: 'dark',
};

/** The status as words (with a colored dot as a second cue, never the only one). */
export function StatusBadge(props: { status: EnrollmentStatus }) {
  const { t } = useTranslation();
  return (
    // The badge keeps its full width: a status cut to "Acti…" says nothing.
    <Badge
      variant="dot"
      color={COLORS[props.status]}
      tt="none"
      size="md"
      fw={600}
      c="dark.9"
      style={{ flexShrink: 0, overflow: 'visible' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(`status.${props.status}`)}
    </Badge>
  );
}
