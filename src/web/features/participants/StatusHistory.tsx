import { Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';
import { useFormat } from '../../i18n/use-format';

export function StatusHistory(props: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = props.enrollment.statusHistory;
  return (
    <div>
      <Title order={3} size="h4" mb="sm">
        {t('enrollment.statusHistory')}
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed">{t('enrollment.noHistory')}</Text>
      ) : (
        <Timeline
          bulletSize={14}
          lineWidth={2}
          active={0}
          component="ol"
          style={{ listStyle: 'none' }}
          aria-label={t('enrollment.statusHistory')}
        >
          {history.map((change) => (
            <Timeline.Item
              key={change.id}
              component="li"
              title={
                change.fromStatus
                  ? t('enrollment.statusChange', { from: t(`status.${change.fromStatus}`), to: t(`status.${change.toStatus}`) })
                  : t(`status.${change.toStatus}`)
              }
            >
              <Text size="sm">{t('enrollment.effectiveOn', { date: format.date(change.effectiveOn) })}</Text>
              <Text size="sm">{t('enrollment.reasonText', { reason: change.reason })}</Text>
              <Text size="xs" c="dimmed">
                {change.enteredByName
                  ? t('enrollment.enteredBy', { name: change.enteredByName, when: format.dateTime(change.enteredAt) })
                  : t('enrollment.enteredAt', { when: format.dateTime(change.enteredAt) })}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </div>
  );
}
