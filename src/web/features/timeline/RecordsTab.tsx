import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconFirstAidKit, IconNotes, IconShieldLock } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import type { Me, Participant } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { RedisclosureNotice } from '../../components/RedisclosureNotice';
import { currentLanguage } from '../../i18n/i18n';
import { BreakGlassForm } from '../consent/BreakGlassForm';
import { noteKindsFor } from './note-roles';
import { TimelineEntries } from './TimelineEntries';
import { timelineQueryOptions } from './timeline-api';
import { WriteNoteForm } from './WriteNoteForm';

/**
 * Every record of the participant the person may see, newest first. Where a class of treatment
 * records is not shared with them, one placeholder says so — the same words whether or not such
 * records exist. Part 2 records disclosed under consent carry the §2.32 notice.
 */
export function RecordsTab(props: { participant: Participant; me: Me }) {
  const { t, i18n } = useTranslation();
  const participantId = props.participant.id;
  const query = useInfiniteQuery(timelineQueryOptions(participantId));
  const [writing, writer] = useDisclosure(false);
  const [emergency, emergencyDialog] = useDisclosure(false);
  const noteEnrollments = props.participant.enrollments.filter((e) => noteKindsFor(e, props.me.user.id).length > 0);

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const pages = query.data.pages;
  const entries = pages.flatMap((page) => page.entries);
  const withheld = pages[0]?.withheld ?? [];
  const notice = pages.some((page) => page.redisclosureNotice);
  const language = currentLanguage();
  const exportLink = (format: 'pdf' | 'csv') =>
    apiUrl(`/v1/participants/${participantId}/timeline/export`, { format, lang: language });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          {noteEnrollments.length > 0 ? (
            <Button leftSection={<IconNotes size={16} aria-hidden="true" />} onClick={writer.open}>
              {t('notes.write')}
            </Button>
          ) : null}
          {props.me.capabilities.breakGlass && withheld.length > 0 ? (
            <Button
              variant="outline"
              color="red"
              leftSection={<IconFirstAidKit size={16} aria-hidden="true" />}
              onClick={emergencyDialog.open}
            >
              {t('breakGlass.open')}
            </Button>
          ) : null}
        </Group>
        <Group gap="xs">
          <Button
            component="a"
            href={exportLink('pdf')}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('timeline.exportPdf')}
          </Button>
          <Button
            component="a"
            href={exportLink('csv')}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('timeline.exportCsv')}
          </Button>
        </Group>
      </Group>
      {withheld.length > 0 ? (
        <Alert
          variant="light"
          color="gray"
          role="note"
          icon={<IconShieldLock aria-hidden="true" />}
          title={t('timeline.withheldTitle')}
        >
          <Text size="sm">{props.me.capabilities.courtSide ? t('timeline.withheldBody') : t('timeline.withheldBodyOthers')}</Text>
          <Text size="sm" mt="xs">
            {t('timeline.withheldClasses', {
              classes: withheld.map((c) => t(`dataClass.${c}`)).join(', '),
            })}
          </Text>
        </Alert>
      ) : null}
      {notice ? <RedisclosureNotice /> : null}
      {entries.length === 0 ? (
        <Text c="dimmed">{t('timeline.empty')}</Text>
      ) : (
        <TimelineEntries entries={entries} t={i18n.t} language={language} label={t('timeline.label')} />
      )}
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('timeline.more')}
        </Button>
      ) : null}
      <AppModal opened={writing} onClose={writer.close} title={t('notes.writeTitle')} size="lg">
        <WriteNoteForm
          participantId={participantId}
          enrollments={noteEnrollments}
          userId={props.me.user.id}
          onDone={writer.close}
        />
      </AppModal>
      <AppModal opened={emergency} onClose={emergencyDialog.close} title={t('breakGlass.title')}>
        <BreakGlassForm participantId={participantId} onDone={emergencyDialog.close} />
      </AppModal>
    </Stack>
  );
}
