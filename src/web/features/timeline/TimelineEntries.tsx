import { Badge, Group, Text, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../api/types';
import { formatDate, formatDateTime } from '../../i18n/format';

function detailText(entry: TimelineEntry, t: TFunction, language: string): string {
  const d = entry.detail;
  switch (d.kind) {
    case 'status':
      return d.fromStatus
        ? t('timeline.statusChange', {
            from: t(`status.${d.fromStatus}`),
            to: t(`status.${d.toStatus}`),
            date: formatDate(d.effectiveOn, language),
          })
        : t('timeline.statusFirst', { to: t(`status.${d.toStatus}`), date: formatDate(d.effectiveOn, language) });
    case 'phase':
      return d.endedOn
        ? t('timeline.phaseEnded', {
            position: d.position,
            name: d.phaseName,
            from: formatDate(d.startedOn, language),
            to: formatDate(d.endedOn, language),
          })
        : t('timeline.phaseStarted', { position: d.position, name: d.phaseName, from: formatDate(d.startedOn, language) });
    case 'team':
      return d.endedOn
        ? t('timeline.teamEnded', {
            name: d.memberName,
            role: t(`role.${d.role}`),
            from: formatDate(d.assignedOn, language),
            to: formatDate(d.endedOn, language),
          })
        : t('timeline.teamJoined', { name: d.memberName, role: t(`role.${d.role}`), from: formatDate(d.assignedOn, language) });
    case 'note':
      return d.body;
  }
}

/**
 * A participant's records, newest first: what happened, who holds the record (and whether 42 CFR
 * Part 2 protects it) and who entered it. `t` and `language` are passed in so the same list can be
 * shown in the participant's language ("What can they see?").
 */
export function TimelineEntries(props: { entries: TimelineEntry[]; t: TFunction; language: string; label: string }) {
  const { t, language } = props;
  return (
    <Timeline bulletSize={14} lineWidth={2} component="ol" style={{ listStyle: 'none' }} aria-label={props.label}>
      {props.entries.map((entry) => {
        const reason = 'reason' in entry.detail ? entry.detail.reason : null;
        return (
          <Timeline.Item
            key={entry.id}
            component="li"
            title={
              <Group gap="xs" component="span">
                <Text component="span" fw={600}>
                  {t(`dataClass.${entry.dataClass}`)}
                </Text>
                <Text component="span" size="sm" c="dimmed">
                  {formatDateTime(entry.occurredAt, language)}
                </Text>
              </Group>
            }
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {detailText(entry, t, language)}
            </Text>
            {reason ? <Text size="sm">{t('enrollment.reasonText', { reason })}</Text> : null}
            <Group gap="xs" mt={4}>
              <Text size="xs" c="dimmed">
                {t('timeline.heldBy', { organization: entry.custodian.name })}
              </Text>
              {entry.custodian.part2 ? (
                <Badge size="xs" variant="light" color="grape" tt="none" c="dark.9">
                  {t('timeline.part2')}
                </Badge>
              ) : null}
              <Text size="xs" c="dimmed">
                {entry.enteredByName
                  ? t('enrollment.enteredBy', { name: entry.enteredByName, when: formatDateTime(entry.enteredAt, language) })
                  : t('enrollment.enteredAt', { when: formatDateTime(entry.enteredAt, language) })}
              </Text>
            </Group>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
