import { Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { todayLocal } from '../../i18n/format';
import { type IdentityValues, languageName, PARTICIPANT_LANGUAGES } from './identity-form';

/** The participant's identity and contact fields, for enrolling and for corrections. */
export type IdentityForm = UseFormReturnType<{ identity: IdentityValues }>;

export function IdentityFields(props: { form: IdentityForm }) {
  const { t, i18n } = useTranslation();
  const { form } = props;
  const current = form.getValues().identity.language;
  const codes: string[] = [...PARTICIPANT_LANGUAGES];
  if (current && !codes.includes(current)) codes.push(current);
  const languages = codes.map((code) => ({ value: code, label: languageName(code, i18n.language) }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      <TextInput label={t('identity.firstName')} required autoComplete="off" {...form.getInputProps('identity.firstName')} />
      <TextInput label={t('identity.lastName')} required autoComplete="off" {...form.getInputProps('identity.lastName')} />
      <TextInput
        label={t('identity.preferredName')}
        description={t('identity.preferredNameHint')}
        autoComplete="off"
        {...form.getInputProps('identity.preferredName')}
      />
      <TextInput
        label={t('identity.pronouns')}
        description={t('identity.pronounsHint')}
        autoComplete="off"
        {...form.getInputProps('identity.pronouns')}
      />
      <TextInput
        label={t('identity.dateOfBirth')}
        type="date"
        max={todayLocal()}
        {...form.getInputProps('identity.dateOfBirth')}
      />
      <Select
        label={t('identity.language')}
        description={t('identity.languageHint')}
        data={languages}
        searchable
        allowDeselect={false}
        {...form.getInputProps('identity.language')}
      />
      <TagsInput
        label={t('identity.raceEthnicity')}
        description={t('identity.raceEthnicityHint')}
        {...form.getInputProps('identity.raceEthnicity')}
      />
      <TextInput
        label={t('identity.gender')}
        description={t('identity.genderHint')}
        autoComplete="off"
        {...form.getInputProps('identity.gender')}
      />
      <TextInput label={t('identity.phone')} type="tel" autoComplete="off" {...form.getInputProps('identity.phone')} />
      <TextInput label={t('identity.email')} type="email" autoComplete="off" {...form.getInputProps('identity.email')} />
      <Textarea
        label={t('identity.address')}
        autosize
        minRows={2}
        autoComplete="off"
        {...form.getInputProps('identity.address')}
        style={{ gridColumn: '1 / -1' }}
      />
    </SimpleGrid>
  );
}
