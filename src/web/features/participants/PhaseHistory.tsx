import { Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';
import { useFormat } from '../../i18n/use-format';

export function PhaseHistory(props: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = props.enrollment.phaseHistory;
  return (
    <div>
      <Title order={3} size="h4" mb="sm">
        {t('enrollment.phaseHistory')}
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed">{t('enrollment.noPhaseHistory')}</Text>
      ) : (
        <Timeline
          bulletSize={14}
          lineWidth={2}
          active={0}
          component="ol"
          style={{ listStyle: 'none' }}
          aria-label={t('enrollment.phaseHistory')}
        >
          {history.map((change) => (
            <Timeline.Item
              key={change.id}
              component="li"
              title={t('phase.position', { position: change.position, name: change.phaseName })}
            >
              <Text size="sm">
                {change.endedOn
                  ? t('enrollment.phaseDates', { from: format.date(change.startedOn), to: format.date(change.endedOn) })
                  : t('enrollment.phaseSince', { from: format.date(change.startedOn) })}
              </Text>
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
