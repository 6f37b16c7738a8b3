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
    <Badge variant="dot" color={COLORS[props.status]} tt="none" size="md" fw={600} c="dark.9">
      {t(`status.${props.status}`)}
    </Badge>
  );
}
