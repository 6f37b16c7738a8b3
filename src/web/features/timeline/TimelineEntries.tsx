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
    case 'test': {
      const lines: string[] = [
        t('timeline.testEntry', {
          outcome: t(`monitoring.outcomes.${d.outcome}`),
          specimen: t(`monitoring.specimens.${d.specimenType}`).toLowerCase(),
          reason: t(`monitoring.reasons.${d.reason}`).toLowerCase(),
        }),
      ];
      if (d.positives.length > 0) {
        lines.push(t('timeline.testFound', { list: findingsList(d.positives, t) }));
      }
      for (const flag of d.flags) lines.push(t(`monitoring.flags.${flag as 'possible_carry_over'}`, { defaultValue: flag }));
      return lines.join('\n');
    }
    case 'attendance': {
      const values = {
        kind: t(`monitoring.attendanceKinds.${d.attendanceKind}`),
        title: d.title,
        outcome: t(`monitoring.attendanceOutcomes.${d.outcome}`),
      };
      const line = t(d.title ? 'timeline.attendanceEntryTitled' : 'timeline.attendanceEntry', values);
      if (!d.selfReported) return line;
      return `${line}\n${t(d.verified ? 'timeline.selfReportedVerified' : 'timeline.selfReported')}`;
    }
    case 'prescription': {
      const values = {
        medication: t(`monitoring.medications.${d.medication}`),
        product: [d.productName, d.dose]
          .filter(Boolean)
          .map((x) => `, ${x}`)
          .join(''),
        prescriber: d.prescriber,
        from: formatDate(d.startedOn, language),
        to: d.endedOn ? formatDate(d.endedOn, language) : '',
      };
      const line = t(d.endedOn ? 'timeline.prescriptionEnded' : 'timeline.prescriptionEntry', values);
      return d.stopReason ? `${line}\n${t('timeline.prescriptionStopReason', { reason: d.stopReason })}` : line;
    }
    case 'moud':
      return t(d.endedOn ? 'timeline.moudEnded' : 'timeline.moudEntry', {
        medication: t(`monitoring.medications.${d.medication}`),
        from: formatDate(d.startedOn, language),
        to: d.endedOn ? formatDate(d.endedOn, language) : '',
      });
    case 'use_report': {
      const values = {
        groups: d.substanceGroups.map((g) => t(`monitoring.groups.${g}`).toLowerCase()).join(', '),
        from: formatDate(d.usedFrom, language),
        to: d.usedTo ? formatDate(d.usedTo, language) : '',
      };
      const line = t(d.usedTo ? 'timeline.useReportSpan' : 'timeline.useReportEntry', values);
      return d.statement ? `${line}\n${t('timeline.useReportWords', { statement: d.statement })}` : line;
    }
    case 'continuity':
      return [t(`monitoring.continuity.${d.eventKind}`), d.note].filter(Boolean).join('\n');
    case 'dose':
      return [
        t('timeline.doseEntry', {
          medication: t(`monitoring.medications.${d.medication}`),
          day: formatDate(d.dueOn, language),
          status: t(`monitoring.doses.${d.status}`).toLowerCase(),
        }),
        d.note,
      ]
        .filter(Boolean)
        .join('\n');
  }
}

/** A built-in analyte's name, or the code of one a lab's panel adds. */
/** Positive findings in words: each substance, whether prescribed, and whether only screened. */
export function findingsList(
  positives: readonly { analyte: string; finding: 'authorized' | 'unauthorized'; presumptive: boolean }[],
  t: TFunction,
): string {
  return positives
    .map((p) =>
      t(p.presumptive ? 'timeline.testFindingPresumptive' : 'timeline.testFinding', {
        analyte: analyteLabel(p.analyte, t),
        finding: t(`monitoring.findings.${p.finding}`),
      }),
    )
    .join(', ');
}

export function analyteLabel(analyte: string, t: TFunction): string {
  return t(`monitoring.analytes.${analyte as 'cocaine'}`, { defaultValue: analyte });
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
