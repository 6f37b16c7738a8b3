import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileCertificate, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../auth/auth-api';
import { canInCourt } from '../auth/capabilities';
import { ConsentTemplates } from '../consent/ConsentTemplates';
import { ProgramForm } from './ProgramForm';
import { programsQueryOptions } from './programs-api';
import { useProgramCourts } from './use-program-courts';

type Dialog = { mode: 'create' } | { mode: 'edit'; program: Program } | { mode: 'consents'; program: Program } | null;

/** Programs and their phases; coordinators (and admins) create programs and adjust phases. */
export function ProgramsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const programs = useQuery(programsQueryOptions());
  const courts = useProgramCourts(me);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <>
      <PageHeader
        title={t('programs.title')}
        actions={
          courts.length > 0 ? (
            <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ mode: 'create' })}>
              {t('programs.create')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={programs.error} />
      {programs.isPending ? <LoadingState /> : null}
      {programs.data && programs.data.length === 0 ? <Text>{t('programs.empty')}</Text> : null}
      <Stack gap="lg">
        {(programs.data ?? []).map((program) => (
          <ProgramCard
            key={program.id}
            program={program}
            canEdit={canInCourt(me, 'program.manage', program.courtId)}
            onEdit={() => setDialog({ mode: 'edit', program })}
            onConsents={() => setDialog({ mode: 'consents', program })}
          />
        ))}
      </Stack>
      <AppModal
        opened={dialog?.mode === 'consents'}
        onClose={close}
        size="xl"
        title={dialog?.mode === 'consents' ? t('templates.title', { name: dialog.program.name }) : ''}
      >
        {dialog?.mode === 'consents' ? <ConsentTemplates program={dialog.program} onDone={close} /> : null}
      </AppModal>
      <AppModal
        opened={dialog !== null && dialog.mode !== 'consents'}
        onClose={close}
        size="xl"
        title={dialog?.mode === 'edit' ? t('programs.editTitle', { name: dialog.program.name }) : t('programs.createTitle')}
      >
        {dialog && dialog.mode !== 'consents' ? (
          <ProgramForm program={dialog.mode === 'edit' ? dialog.program : undefined} courts={courts} onDone={close} />
        ) : null}
      </AppModal>
    </>
  );
}

function ProgramCard(props: { program: Program; canEdit: boolean; onEdit: () => void; onConsents: () => void }) {
  const { t } = useTranslation();
  const p = props.program;
  const headingId = `program-${p.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Group gap="xs">
            <Title order={2} size="h3" id={headingId}>
              {p.name}
            </Title>
            <Badge variant="outline" color="dark" tt="none">
              {t(`track.${p.track}`)}
            </Badge>
            {p.active ? null : (
              <Badge variant="outline" color="dark" tt="none">
                {t('programs.inactive')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {p.courtName}
          </Text>
        </div>
        {props.canEdit ? (
          <Group gap="xs">
            <Button
              variant="default"
              size="sm"
              leftSection={<IconFileCertificate size={16} aria-hidden="true" />}
              onClick={props.onConsents}
              aria-label={t('templates.openNamed', { name: p.name })}
            >
              {t('templates.open')}
            </Button>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconPencil size={16} aria-hidden="true" />}
              onClick={props.onEdit}
              aria-label={t('programs.editNamed', { name: p.name })}
            >
              {t('common.edit')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {p.description ? <Text mb="sm">{p.description}</Text> : null}
      <Table.ScrollContainer minWidth={600}>
        <Table striped verticalSpacing="xs" aria-label={t('programs.phasesOf', { name: p.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={60}>
                {t('programs.position')}
              </Table.Th>
              <Table.Th scope="col">{t('programs.phaseName')}</Table.Th>
              <Table.Th scope="col" w={120}>
                {t('programs.minDays')}
              </Table.Th>
              <Table.Th scope="col" w={120}>
                {t('programs.testsPerWeek')}
              </Table.Th>
              <Table.Th scope="col">{t('programs.criteria')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.phases.map((phase) => (
              <Table.Tr key={phase.id}>
                <Table.Td>{phase.position}</Table.Td>
                <Table.Td>{phase.name}</Table.Td>
                <Table.Td>{phase.minDays}</Table.Td>
                <Table.Td>{phase.testsPerWeek}</Table.Td>
                <Table.Td>
                  <Text size="sm">{phase.advancementCriteria || t('programs.noCriteria')}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
