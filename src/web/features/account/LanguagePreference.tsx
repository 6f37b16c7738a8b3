import { Select } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { notifyError, notifySuccess } from '../../components/notify';
import { currentLanguage, i18n, type Language, rememberLanguage } from '../../i18n/i18n';
import { meQueryOptions, saveLocale } from '../auth/auth-api';

/** The account's language: the app and the server's messages follow it. */
export function LanguagePreference() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = async (value: string | null) => {
    if (value !== 'en' && value !== 'es') return;
    const language: Language = value;
    await i18n.changeLanguage(language);
    rememberLanguage(language);
    queryClient.setQueryData(meQueryOptions.queryKey, (old: Me | undefined) =>
      old ? { ...old, user: { ...old.user, locale: language } } : old,
    );
    try {
      await saveLocale(language);
      notifySuccess(t('account.languageSaved'));
    } catch {
      notifyError(t('errors.unexpected'));
    }
  };
  return (
    <Select
      mt="md"
      maw={280}
      label={t('account.language')}
      description={t('account.languageHint')}
      data={[
        { value: 'en', label: 'English' },
        { value: 'es', label: 'Español' },
      ]}
      value={currentLanguage()}
      allowDeselect={false}
      onChange={(value) => void change(value)}
    />
  );
}
