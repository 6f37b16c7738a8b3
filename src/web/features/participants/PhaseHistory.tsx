import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';
import { useFormat } from '../../i18n/use-format';
import { HistoryTimeline } from './HistoryTimeline';

export function PhaseHistory(props: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <HistoryTimeline
      title={t('enrollment.phaseHistory')}
      emptyText={t('enrollment.noPhaseHistory')}
      entries={props.enrollment.phaseHistory.map((change) => ({
        ...change,
        title: t('phase.position', { position: change.position, name: change.phaseName }),
        when: change.endedOn
          ? t('enrollment.phaseDates', { from: format.date(change.startedOn), to: format.date(change.endedOn) })
          : t('enrollment.phaseSince', { from: format.date(change.startedOn) }),
      }))}
    />
  );
}
