import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../api/types';
import { DetailList } from '../../components/DetailList';
import { ageOn, todayLocal } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { languageName } from './identity-form';

export function IdentitySection(props: { participant: Participant }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = props.participant;
  const notRecorded = t('participant.notRecorded');
  const or = (value: string | null) => (value?.trim() ? value : notRecorded);
  const age = p.dateOfBirth ? ageOn(p.dateOfBirth, todayLocal()) : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identity-heading">
      <Title order={2} size="h3" mb="sm" id="identity-heading">
        {t('participant.identityHeading')}
      </Title>
      <DetailList
        items={[
          { label: t('identity.preferredName'), value: or(p.preferredName) },
          { label: t('identity.pronouns'), value: or(p.pronouns) },
          {
            label: t('identity.dateOfBirth'),
            value: p.dateOfBirth
              ? age !== null
                ? t('participant.dateWithAge', { date: format.date(p.dateOfBirth), count: age })
                : format.date(p.dateOfBirth)
              : notRecorded,
          },
          { label: t('identity.language'), value: languageName(p.language, format.language) },
          { label: t('identity.phone'), value: or(p.phone) },
          { label: t('identity.email'), value: or(p.email) },
          { label: t('identity.address'), value: or(p.address) },
          {
            label: t('identity.raceEthnicity'),
            value: p.raceEthnicity.length > 0 ? p.raceEthnicity.join(', ') : notRecorded,
          },
          { label: t('identity.gender'), value: or(p.gender) },
        ]}
      />
    </Paper>
  );
}
