import { Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';

export type HistoryEntry = {
  id: string;
  title: string;
  /** When it took effect, in words ("Effective …", "Since …"). */
  when: string;
  reason: string;
  enteredAt: string;
  enteredByName: string | null;
};

/** A dated history (status changes, phase placements): newest first, each with its reason and author. */
export function HistoryTimeline(props: { title: string; emptyText: string; entries: HistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div>
      <Title order={3} size="h4" mb="sm">
        {props.title}
      </Title>
      {props.entries.length === 0 ? (
        <Text c="dimmed">{props.emptyText}</Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={0} component="ol" style={{ listStyle: 'none' }} aria-label={props.title}>
          {props.entries.map((entry) => (
            <Timeline.Item key={entry.id} component="li" title={entry.title}>
              <Text size="sm">{entry.when}</Text>
              <Text size="sm">{t('enrollment.reasonText', { reason: entry.reason })}</Text>
              <Text size="xs" c="dimmed">
                {entry.enteredByName
                  ? t('enrollment.enteredBy', { name: entry.enteredByName, when: format.dateTime(entry.enteredAt) })
                  : t('enrollment.enteredAt', { when: format.dateTime(entry.enteredAt) })}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </div>
  );
}
