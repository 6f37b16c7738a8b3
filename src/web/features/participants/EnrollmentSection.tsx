import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowsExchange, IconPencil, IconStairsUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isInProgram, STATUS_TRANSITIONS } from '../../../modules/participants/enrollment-status-rules';
import type { Enrollment, Me } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { DetailList } from '../../components/DetailList';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../i18n/use-format';
import { canInCourt } from '../auth/capabilities';
import { CaseTeam } from './CaseTeam';
import { ChangePhaseForm } from './ChangePhaseForm';
import { ChangeStatusForm } from './ChangeStatusForm';
import { EditEnrollmentForm } from './EditEnrollmentForm';
import { PhaseHistory } from './PhaseHistory';
import { PhaseText } from './PhaseText';
import { StatusHistory } from './StatusHistory';

type Dialog = 'edit' | 'status' | 'phase' | null;

/** One enrollment: where the participant is in the program, the case team, and the history. */
export function EnrollmentSection(props: { enrollment: Enrollment; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dialog, setDialog] = useState<Dialog>(null);
  const e = props.enrollment;
  const can = (action: Parameters<typeof canInCourt>[1]) => canInCourt(props.me, action, e.courtId);
  const headingId = `enrollment-${e.id}`;
  const canChangeStatus = can('enrollment.status') && STATUS_TRANSITIONS[e.status].length > 0;
  const canChangePhase = can('enrollment.phase') && isInProgram(e.status);
  const close = () => setDialog(null);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {t('enrollment.heading', { program: e.programName, caseNumber: e.caseNumber })}
          </Title>
          <Text c="dimmed" size="sm">
            {e.courtName}
          </Text>
        </div>
        <Group gap="xs">
          {can('enrollment.edit') ? (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconPencil size={16} aria-hidden="true" />}
              onClick={() => setDialog('edit')}
            >
              {t('enrollment.edit')}
            </Button>
          ) : null}
          {canChangeStatus ? (
            <Button
              size="sm"
              leftSection={<IconArrowsExchange size={16} aria-hidden="true" />}
              onClick={() => setDialog('status')}
            >
              {t('enrollment.changeStatus')}
            </Button>
          ) : null}
          {canChangePhase ? (
            <Button size="sm" leftSection={<IconStairsUp size={16} aria-hidden="true" />} onClick={() => setDialog('phase')}>
              {t('enrollment.changePhase')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Stack gap="lg">
        <DetailList
          items={[
            {
              label: t('enrollment.status'),
              value: (
                <Group gap="xs" component="span">
                  <StatusBadge status={e.status} />
                  <Text component="span" size="sm">
                    {t('enrollment.since', { date: format.date(e.statusSince) })}
                  </Text>
                </Group>
              ),
            },
            {
              label: t('enrollment.phase'),
              value: e.phase ? (
                <>
                  <PhaseText position={e.phase.position} of={e.phase.of} name={e.phase.name} />
                  {e.daysInPhase !== null ? (
                    <Text component="span" size="sm" c="dimmed" display="block">
                      {t('enrollment.daysInPhase', { count: e.daysInPhase })}
                    </Text>
                  ) : null}
                </>
              ) : (
                t('enrollment.noPhase')
              ),
            },
            {
              label: t('enrollment.nextCourtDate'),
              value: e.nextCourtDate ? format.date(e.nextCourtDate) : t('enrollment.noCourtDate'),
            },
            { label: t('enrollment.caseNumber'), value: e.caseNumber },
            { label: t('enrollment.referredOn'), value: format.date(e.referredOn) },
            { label: t('enrollment.referralSource'), value: e.referralSource || t('participant.notRecorded') },
          ]}
        />
        <CaseTeam enrollment={e} canManage={can('case_team.manage')} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <StatusHistory enrollment={e} />
          <PhaseHistory enrollment={e} />
        </SimpleGrid>
      </Stack>
      <AppModal opened={dialog === 'edit'} onClose={close} title={t('enrollment.editTitle')}>
        <EditEnrollmentForm enrollment={e} onDone={close} />
      </AppModal>
      <AppModal opened={dialog === 'status'} onClose={close} title={t('enrollment.changeStatusTitle')}>
        <ChangeStatusForm enrollment={e} onDone={close} />
      </AppModal>
      <AppModal opened={dialog === 'phase'} onClose={close} title={t('enrollment.changePhaseTitle')}>
        <ChangePhaseForm enrollment={e} onDone={close} />
      </AppModal>
    </Paper>
  );
}
