import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';
import { useFormat } from '../../i18n/use-format';
import { HistoryTimeline } from './HistoryTimeline';

export function StatusHistory(props: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <HistoryTimeline
      title={t('enrollment.statusHistory')}
      emptyText={t('enrollment.noHistory')}
      entries={props.enrollment.statusHistory.map((change) => ({
        ...change,
        title: change.fromStatus
          ? t('enrollment.statusChange', { from: t(`status.${change.fromStatus}`), to: t(`status.${change.toStatus}`) })
          : t(`status.${change.toStatus}`),
        when: t('enrollment.effectiveOn', { date: format.date(change.effectiveOn) }),
      }))}
    />
  );
}
