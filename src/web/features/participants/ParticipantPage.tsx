import { Alert, Button, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClockExclamation, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { AgreementTab } from '../agreements/AgreementTab';
import { useMe } from '../auth/auth-api';
import { canInCourt } from '../auth/capabilities';
import { ConsentsTab } from '../consent/ConsentsTab';
import { consentsQueryOptions } from '../consent/consent-api';
import { DisclosuresTab } from '../consent/DisclosuresTab';
import { PreviewTab } from '../consent/PreviewTab';
import { RestrictionsTab } from '../consent/RestrictionsTab';
import { AssessmentsTab } from '../goals/AssessmentsTab';
import { GoalsTab } from '../goals/GoalsTab';
import { AttendanceTab } from '../monitoring/AttendanceTab';
import { MedicationsTab } from '../monitoring/MedicationsTab';
import { TestingTab } from '../monitoring/TestingTab';
import { RecordsTab } from '../timeline/RecordsTab';
import { EditIdentityForm } from './EditIdentityForm';
import { EnrollmentSection } from './EnrollmentSection';
import { IdentitySection } from './IdentitySection';
import { participantName } from './names';
import { participantQueryOptions } from './participants-api';

const route = getRouteApi('/app/participants/$participantId');

export const PARTICIPANT_TABS = [
  'overview',
  'records',
  'testing',
  'attendance',
  'medications',
  'agreement',
  'goals',
  'assessments',
  'consents',
  'preview',
  'disclosures',
  'restrictions',
] as const;
export type ParticipantTab = (typeof PARTICIPANT_TABS)[number];
/** Who may open a tab, from what the server reports of the caller's part in the consent process. */
const TAB_AUDIENCE: Record<ParticipantTab, 'all' | 'consent_keepers' | 'program_staff'> = {
  overview: 'all',
  records: 'all',
  testing: 'all',
  attendance: 'all',
  medications: 'all',
  agreement: 'all',
  goals: 'all',
  assessments: 'all',
  consents: 'all',
  preview: 'consent_keepers',
  // The accounting names what was disclosed; the treatment program keeps it (§2.24).
  disclosures: 'program_staff',
  restrictions: 'consent_keepers',
};

/**
 * One participant, in tabs: the overview (identity and each enrollment the person may see, with the
 * actions they may take), the records as consent allows, tests, attendance and medications as consent
 * allows, the agreement, goals and plan, assessments, the consents, and — for the staff who keep
 * the consent process — "What can they see?", the accounting of disclosures, and restrictions.
 */
export function ParticipantPage() {
  const { t } = useTranslation();
  const { participantId } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: '/participants/$participantId' });
  const me = useMe();
  const query = useQuery(participantQueryOptions(participantId));
  const consents = useQuery({ ...consentsQueryOptions(participantId), enabled: query.isSuccess });
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
  const audience = {
    all: true,
    consent_keepers: consents.data?.canManage === true,
    program_staff: consents.data?.programStaff === true,
  };
  const tabs = PARTICIPANT_TABS.filter((name) => audience[TAB_AUDIENCE[name]]);
  const active = tab && tabs.includes(tab) ? tab : 'overview';
  // Those who keep the consent process are told, on any tab, when a consent in effect ends soon.
  const expiring = audience.consent_keepers
    ? (consents.data?.items ?? []).filter((c) => c.expiringSoon && (c.state === 'active' || c.state === 'revocation_requested'))
    : [];
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
      {expiring.length > 0 && active !== 'consents' ? (
        <Alert color="orange" variant="light" role="note" mb="md" icon={<IconClockExclamation aria-hidden="true" />}>
          {t('participant.consentExpiring', { count: expiring.length })}{' '}
          <AnchorLink
            to="/participants/$participantId"
            params={{ participantId }}
            search={{ tab: 'consents' }}
            c="dark.9"
            fw={600}
            underline="always"
          >
            {t('participant.consentExpiringLink')}
          </AnchorLink>
        </Alert>
      ) : null}
      <Tabs
        value={active}
        onChange={(value) => void navigate({ search: { tab: value === 'overview' ? undefined : (value as ParticipantTab) } })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`participant.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="lg">
            <IdentitySection participant={participant} />
            {participant.enrollments.map((enrollment) => (
              <EnrollmentSection key={enrollment.id} enrollment={enrollment} me={me} />
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="records">
          <RecordsTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="testing">
          <TestingTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance">
          <AttendanceTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="medications">
          <MedicationsTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="agreement">
          <AgreementTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="goals">
          <GoalsTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments">
          <AssessmentsTab participant={participant} me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="consents">
          {consents.data ? (
            <ConsentsTab participant={participant} list={consents.data} />
          ) : consents.isError ? (
            <ErrorAlert error={consents.error} />
          ) : (
            <LoadingState />
          )}
        </Tabs.Panel>
        {tabs.includes('preview') ? (
          <Tabs.Panel value="preview">
            <PreviewTab participant={participant} consents={consents.data?.items ?? []} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('disclosures') ? (
          <Tabs.Panel value="disclosures">
            <DisclosuresTab participant={participant} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('restrictions') ? (
          <Tabs.Panel value="restrictions">
            <RestrictionsTab participant={participant} canDecide={consents.data?.programStaff === true} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <AppModal opened={editing} onClose={editor.close} title={t('participant.editIdentityTitle')} size="xl">
        <EditIdentityForm participant={participant} onDone={editor.close} />
      </AppModal>
    </>
  );
}
