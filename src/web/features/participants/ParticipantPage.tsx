import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../auth/auth-api';
import { canInCourt } from '../auth/capabilities';
import { EditIdentityForm } from './EditIdentityForm';
import { EnrollmentSection } from './EnrollmentSection';
import { IdentitySection } from './IdentitySection';
import { participantName } from './names';
import { participantQueryOptions } from './participants-api';

const route = getRouteApi('/app/participants/$participantId');

/** One participant: identity, then each enrollment the person may see, with the actions they may take. */
export function ParticipantPage() {
  const { t } = useTranslation();
  const { participantId } = route.useParams();
  const me = useMe();
  const query = useQuery(participantQueryOptions(participantId));
  const [editing, editor] = useDisclosure(false);

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t('participant.loadingTitle')} />
        <LoadingState />
      </>
    );
  }
  if (query.isError) {
    const notFound = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <>
        <PageHeader title={notFound ? t('participant.notFoundTitle') : t('errors.pageErrorTitle')} />
        {notFound ? <Text mb="md">{t('participant.notFoundBody')}</Text> : <ErrorAlert error={query.error} />}
        <AnchorLink to="/caseload">{t('participant.backToCaseload')}</AnchorLink>
      </>
    );
  }
  const participant = query.data;
  const canEdit = participant.enrollments.some((enrollment) => canInCourt(me, 'participant.edit', enrollment.courtId));
  return (
    <>
      <PageHeader
        title={participantName(participant)}
        actions={
          canEdit ? (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={editor.open}>
              {t('participant.editIdentity')}
            </Button>
          ) : null
        }
      >
        {participant.preferredName ? (
          <Text c="dimmed">{t('participant.goesBy', { name: participant.preferredName })}</Text>
        ) : null}
      </PageHeader>
      <Stack gap="lg">
        <IdentitySection participant={participant} />
        {participant.enrollments.map((enrollment) => (
          <EnrollmentSection key={enrollment.id} enrollment={enrollment} me={me} />
        ))}
      </Stack>
      <AppModal opened={editing} onClose={editor.close} title={t('participant.editIdentityTitle')} size="xl">
        <EditIdentityForm participant={participant} onDone={editor.close} />
      </AppModal>
    </>
  );
}
